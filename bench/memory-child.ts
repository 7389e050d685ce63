/**
 * One memory measurement in a fresh process, started by bench/memory.bench.ts:
 *
 *   node --expose-gc --import tsx bench/memory-child.ts <simulated seconds> [topology] [rate multiplier]
 *
 * Loads and plans the topology (default: the bundled 100-process embedded example at 10 msg/s per
 * process), collects garbage, records the baseline, runs `simulate` once with random faults off
 * and prints one JSON line on stdout (MemoryChildReport).
 *
 * The run is synchronous, so no timer can sample it; instead the simulation's own onProgress
 * callback (called every 65,536 events) samples heapUsed, and every GC_EVERY-th call also forces a
 * full GC first, so that `peakLiveHeapBytes` is the most the simulation kept reachable at once
 * (what "memory grows with messages in flight" is about), not garbage waiting to be collected.
 * The process's peak resident set comes from process.resourceUsage().maxRSS after the run.
 */
import { buildPlan } from '../src/plan/buildPlan.js';
import { simulate } from '../src/sim/simulate.js';
import { loadBundled } from './simulation.bench.js';

export interface MemoryChildReport {
  topology: string;
  rateMultiplier: number;
  simulatedSeconds: number;
  sent: number;
  events: number;
  wallSeconds: number;
  /** After load, plan and a full GC, before the run. */
  baselineRssBytes: number;
  baselineHeapBytes: number;
  /** process.resourceUsage().maxRSS after the run, in bytes: the process's peak resident set. */
  peakRssBytes: number;
  /** Largest heapUsed seen at a progress callback (includes uncollected garbage). */
  peakHeapBytes: number;
  /** Largest heapUsed right after a forced full GC during the run. */
  peakLiveHeapBytes: number;
  /** Number of forced-GC samples taken during the run. */
  liveSamples: number;
  /** heapUsed after the run and a full GC (the result alone is still reachable). */
  heapAfterRunBytes: number;
}

/** Force a full GC on every GC_EVERY-th progress callback (one per 8 x 65,536 events). */
const GC_EVERY = 8;

type Gc = () => void;

async function main(): Promise<void> {
  const simulatedSeconds = Number(process.argv[2] ?? '600');
  const topologyName = process.argv[3] ?? 'embedded-per-process';
  const rateMultiplier = Number(process.argv[4] ?? '1');
  if (!Number.isFinite(simulatedSeconds) || simulatedSeconds <= 0)
    throw new Error(`usage: memory-child.ts <simulated seconds> [topology] [rate multiplier]`);
  const gc = (globalThis as { gc?: Gc }).gc;
  if (gc === undefined) throw new Error('memory-child.ts needs node --expose-gc');

  const plan = buildPlan(await loadBundled(topologyName, rateMultiplier));
  gc();
  const baseline = process.memoryUsage();

  let peakHeapBytes = 0;
  let peakLiveHeapBytes = 0;
  let liveSamples = 0;
  let calls = 0;
  const onProgress = (): void => {
    if (++calls % GC_EVERY === 0) {
      gc();
      liveSamples++;
      const live = process.memoryUsage().heapUsed;
      if (live > peakLiveHeapBytes) peakLiveHeapBytes = live;
      if (live > peakHeapBytes) peakHeapBytes = live;
    } else {
      const used = process.memoryUsage().heapUsed;
      if (used > peakHeapBytes) peakHeapBytes = used;
    }
  };

  const start = process.hrtime.bigint();
  const result = simulate(plan, {
    durationUs: simulatedSeconds * 1_000_000,
    randomFaults: false,
    onProgress,
  });
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  gc();
  const heapAfterRunBytes = process.memoryUsage().heapUsed;

  const report: MemoryChildReport = {
    topology: topologyName,
    rateMultiplier,
    simulatedSeconds,
    sent: result.fates.sent,
    events: result.events,
    wallSeconds,
    baselineRssBytes: baseline.rss,
    baselineHeapBytes: baseline.heapUsed,
    peakRssBytes,
    peakHeapBytes,
    peakLiveHeapBytes,
    liveSamples,
    heapAfterRunBytes,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
