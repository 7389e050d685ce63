/**
 * Memory against simulated duration (issue 3, "Speed"): the 100-process embedded example at
 * 10 msg/s per process, simulated for 10 minutes and for 1 hour, each in a fresh Node process
 * (bench/memory-child.ts) so that neither run inherits the other's heap. The goal is that memory
 * is flat in simulated duration: it follows the messages in flight, not the messages simulated,
 * so six times as many messages must not need noticeably more memory.
 *
 * Figures per duration: the process's peak resident set (maxRSS), the largest live heap seen
 * right after a forced GC during the run, and the baseline (after load and plan, before the run).
 * "Flat" here means the long run's peak RSS and peak live heap are each at most FLAT_TOLERANCE
 * times the short run's.
 *
 * Run: npx tsx bench/memory.bench.ts
 */
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { MemoryChildReport } from './memory-child.js';

export type { MemoryChildReport } from './memory-child.js';

export interface MemoryBenchResult {
  topology: string;
  /** One report per duration, shortest first. */
  runs: MemoryChildReport[];
  /** Longest run's peak RSS / shortest run's. */
  rssGrowth: number;
  /** Longest run's peak live heap / shortest run's. */
  liveHeapGrowth: number;
  /** Longest run's messages sent / shortest run's. */
  messageGrowth: number;
  flat: boolean;
}

/** Simulated seconds: 10 minutes and the issue's 1 hour. */
export const DEFAULT_DURATIONS: readonly number[] = [600, 3600];
export const FLAT_TOLERANCE = 1.2;
const TOPOLOGY = 'embedded-per-process';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const childScript = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
const run = promisify(execFile);

/** Runs memory-child.ts in a fresh Node process and parses its one-line JSON report. */
export async function runMemoryChild(
  simulatedSeconds: number,
  topology = TOPOLOGY,
): Promise<MemoryChildReport> {
  const args = ['--expose-gc', '--import', 'tsx', childScript, String(simulatedSeconds), topology];
  // cwd = the repository, so that `--import tsx` resolves to its node_modules.
  const { stdout } = await run(process.execPath, args, { cwd: repoRoot, maxBuffer: 1 << 20 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as MemoryChildReport;
}

export async function runMemoryBench(
  durations: readonly number[] = DEFAULT_DURATIONS,
): Promise<MemoryBenchResult> {
  const sorted = [...durations].sort((x, y) => x - y);
  const runs: MemoryChildReport[] = [];
  for (const seconds of sorted) runs.push(await runMemoryChild(seconds));
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  const rssGrowth = last.peakRssBytes / first.peakRssBytes;
  const liveHeapGrowth = last.peakLiveHeapBytes / first.peakLiveHeapBytes;
  return {
    topology: TOPOLOGY,
    runs,
    rssGrowth,
    liveHeapGrowth,
    messageGrowth: last.sent / first.sent,
    flat: rssGrowth <= FLAT_TOLERANCE && liveHeapGrowth <= FLAT_TOLERANCE,
  };
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runMemoryBench();
  for (const r of result.runs)
    console.log(
      `${`${r.simulatedSeconds / 60} min simulated`.padEnd(20)} ${String(r.sent).padStart(9)} msgs  ` +
        `peak RSS ${mib(r.peakRssBytes)}  peak live heap ${mib(r.peakLiveHeapBytes)}  ` +
        `peak heap ${mib(r.peakHeapBytes)}  baseline RSS ${mib(r.baselineRssBytes)}`,
    );
  console.log(
    `x${result.messageGrowth.toFixed(1)} messages: peak RSS x${result.rssGrowth.toFixed(2)}, ` +
      `live heap x${result.liveHeapGrowth.toFixed(2)} -> ${result.flat ? 'flat' : 'NOT flat'}`,
  );
}
