/**
 * Cost distributions: a cost is a draw, not a constant, so latencies have spread and tails. Each
 * draw's mean is the configured cost (the default or the topology's), and each kind of cost has
 * its documented distribution, a lognormal with the spread below:
 * - `hop`, `cpu`, `handOff`, `transport` (vm:// and tcp:// hops, broker CPU per message, the
 *   dispatch hand-off, a connection's transport thread): sigma 0.3, scheduling jitter on a busy
 *   JVM (p90 about 1.4x the median).
 * - `disk` (a journal batch's fsync or page-cache write): sigma 1.0, a heavy tail: now and then
 *   a flush waits behind other I/O (p99 about 10x the median).
 * Every kind draws from its own stream forked from the run's seed: the same seed gives the same
 * run, and a change in one subsystem's draws does not shift another's.
 */
import type { Rng } from './rng.js';

export type CostKind = 'hop' | 'cpu' | 'handOff' | 'transport' | 'disk';

export const COST_SIGMA: Readonly<Record<CostKind, number>> = {
  hop: 0.3,
  cpu: 0.3,
  handOff: 0.3,
  transport: 0.3,
  disk: 1.0,
};

/** A lognormal draw with mean `mean` and log-spread `sigma` (exp(sigma Z - sigma^2 / 2) times the mean). */
export function lognormal(rng: Rng, mean: number, sigma: number): number {
  // Box-Muller; 1 - nextFloat() lies in (0, 1], so the logarithm is finite.
  const z = Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  return mean * Math.exp(sigma * z - (sigma * sigma) / 2);
}

export class CostNoise {
  private readonly streams: Record<CostKind, Rng>;

  constructor(root: Rng) {
    const fork = (kind: CostKind) => root.fork(`cost:${kind}`);
    this.streams = {
      hop: fork('hop'),
      cpu: fork('cpu'),
      handOff: fork('handOff'),
      transport: fork('transport'),
      disk: fork('disk'),
    };
  }

  /** A cost of `kind` with mean `meanUs`, in whole microseconds, never below 1 (0 stays 0). */
  draw(kind: CostKind, meanUs: number): number {
    if (meanUs <= 0) return meanUs;
    return Math.max(1, Math.round(lognormal(this.streams[kind], meanUs, COST_SIGMA[kind])));
  }
}
