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
import { standardNormal } from './normal.js';
import type { Rng } from './rng.js';

export type CostKind = 'hop' | 'cpu' | 'handOff' | 'transport' | 'disk';

export const COST_SIGMA: Readonly<Record<CostKind, number>> = {
  hop: 0.3,
  cpu: 0.3,
  handOff: 0.3,
  transport: 0.3,
  disk: 1.0,
};

/**
 * A lognormal draw with mean `mean` and log-spread `sigma`: exp(sigma Z - sigma^2 / 2) times the
 * mean, Z standard normal (drawn by the ziggurat method: normal.ts).
 */
export function lognormal(rng: Rng, mean: number, sigma: number): number {
  return mean * Math.exp(sigma * standardNormal(rng) - (sigma * sigma) / 2);
}

/**
 * One kind of cost: its own stream and spread. It draws its factors exp(sigma Z + shift) a batch
 * at a time, in a tight loop, and hands them out in order: the same factors in the same order as
 * drawing each one on demand (the stream's generator serves nothing else), for about half the
 * CPU (the noise was ~12% of a bundled example's profile, one ziggurat call and Math.exp per cost).
 */
export class CostStream {
  private readonly rng: Rng;
  private readonly sigma: number;
  /** -sigma^2 / 2: keeps the mean of exp(sigma Z + shift) at 1. */
  private readonly shift: number;
  /** The next factors; `used` of them are handed out already. */
  private readonly factors = new Float64Array(FACTOR_BATCH);
  private used = FACTOR_BATCH;

  constructor(rng: Rng, sigma: number) {
    this.rng = rng;
    this.sigma = sigma;
    this.shift = -(sigma * sigma) / 2;
  }

  /** A cost with mean `meanUs`, in whole microseconds, never below 1 (0 stays 0, and draws nothing). */
  draw(meanUs: number): number {
    if (meanUs <= 0) return meanUs;
    if (this.used === FACTOR_BATCH) this.refill();
    const us = meanUs * this.factors[this.used++]!;
    // Math.max(1, Math.round(us)), cheaper where an int32 holds it: for 0.5 <= us < 2^31 - 1,
    // us + 0.5 is exact or cannot cross an integer, so truncating it rounds half up too.
    if (us < 1.5) return 1;
    return us < INT32_LIMIT ? (us + 0.5) | 0 : Math.round(us);
  }

  private refill(): void {
    const factors = this.factors;
    for (let i = 0; i < FACTOR_BATCH; i++)
      factors[i] = Math.exp(this.sigma * standardNormal(this.rng) + this.shift);
    this.used = 0;
  }
}

/** Factors a stream draws at once: small, since a short run (a check's) uses few of them. */
const FACTOR_BATCH = 64;
const INT32_LIMIT = 2 ** 31 - 1;

/**
 * Every kind's stream, forked from the run's cost seed by kind name. `sigma` is COST_SIGMA;
 * all zeros make every cost its mean (tests that check the model's mechanism without its noise).
 */
export class CostNoise {
  readonly hop: CostStream;
  readonly cpu: CostStream;
  readonly handOff: CostStream;
  readonly transport: CostStream;
  readonly disk: CostStream;

  constructor(root: Rng, sigma: Readonly<Record<CostKind, number>> = COST_SIGMA) {
    const stream = (kind: CostKind) => new CostStream(root.fork(`cost:${kind}`), sigma[kind]);
    this.hop = stream('hop');
    this.cpu = stream('cpu');
    this.handOff = stream('handOff');
    this.transport = stream('transport');
    this.disk = stream('disk');
  }
}
