/**
 * End-to-end simulation speed (issue 3, "Speed"): simulated messages per second of wall time for
 * the bundled central and embedded examples, goal >= 1,000,000 on one core.
 *
 * Each case runs in a fresh plain `node` process on the compiled dist/ (bench/simulation-child.js),
 * as users run the simulator through bin/brokerlab.js (`npm run bench` builds first), like the
 * check bench's worker version: not on the TypeScript sources under the tsx loader, which ran
 * the same simulation ~8% slower, and not after the other cases in one process, whose code paths
 * would leave the JIT's type feedback for the next case. The figure itself is unchanged.
 *
 * The child loads the topology file, plans it and runs `simulate` with random faults off (the
 * bundled files draw crashes from MTBF 24 h; a fault in one run and not another would make the
 * runs incomparable). The figure is result.fates.sent / wall seconds (and result.events / wall
 * seconds) of the run with the median wall time out of MEASURED_RUNS, after a warm-up run. The
 * simulation is deterministic, so every run of a case does the same work and sends the same
 * messages; only the wall time varies. Loading and planning are outside the timed region.
 *
 * Besides the bundled rates (105 producers, 550 msg/s in total) each topology is also run with
 * every producer's rate multiplied by 10, to see the per-message cost when more messages are in
 * flight at once. The scaled cases simulate a shorter time so that they send about as many
 * messages as the bundled ones (330,000), which keeps the bench's wall time down.
 *
 * Run: npm run build && npx tsx bench/simulation.bench.ts
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { loadTopologyFile } from '../src/topology/load.js';
import type { Topology } from '../src/topology/types.js';

export interface SimulationBenchResult {
  /** Human name of the case, e.g. "central-cluster x10 rate". */
  name: string;
  topology: string;
  /** Multiplier applied to every producer's rate (1 = as bundled). */
  rateMultiplier: number;
  /** Simulated send phase, in seconds. */
  simulatedSeconds: number;
  /** Messages sent in one run (result.fates.sent; identical in every run). */
  sent: number;
  /** Events processed in one run (result.events). */
  events: number;
  /** Median wall time of the measured runs, in seconds. */
  wallSeconds: number;
  /** All measured wall times, in seconds, in run order. */
  wallSecondsAll: number[];
  messagesPerSecond: number;
  eventsPerSecond: number;
  /** Wall microseconds per simulated message. */
  usPerMessage: number;
}

export interface SimulationCase {
  topology: string;
  rateMultiplier: number;
  simulatedSeconds: number;
}

/** Goal from issue 3: simulated messages per second of wall time on one core. */
export const SIMULATION_GOAL_MESSAGES_PER_SECOND = 1_000_000;

export const DEFAULT_CASES: readonly SimulationCase[] = [
  { topology: 'central-cluster', rateMultiplier: 1, simulatedSeconds: 600 },
  { topology: 'embedded-per-process', rateMultiplier: 1, simulatedSeconds: 600 },
  { topology: 'central-cluster', rateMultiplier: 10, simulatedSeconds: 60 },
  { topology: 'embedded-per-process', rateMultiplier: 10, simulatedSeconds: 60 },
];

const WARMUP_RUNS = 1;
const MEASURED_RUNS = 3;

export function topologyPath(name: string): string {
  return fileURLToPath(new URL(`../topologies/${name}.yaml`, import.meta.url));
}

/** Loads a bundled topology, failing loudly on a load error (a bundled file must load). */
export async function loadBundled(name: string, rateMultiplier = 1): Promise<Topology> {
  const file = topologyPath(name);
  const loaded = await loadTopologyFile(file);
  if (!loaded.ok) {
    const why = loaded.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`).join('\n');
    throw new Error(`cannot load ${file}:\n${why}`);
  }
  const topology = loaded.topology;
  if (rateMultiplier !== 1)
    for (const app of topology.applications)
      for (const producer of app.producers) producer.ratePerSecond *= rateMultiplier;
  return topology;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[sorted.length >> 1]!;
}

const childScript = fileURLToPath(new URL('./simulation-child.js', import.meta.url));
const builtSimulator = fileURLToPath(new URL('../dist/sim/simulate.js', import.meta.url));
const run = promisify(execFile);

/** What simulation-child.js prints. */
interface ChildReport {
  sent: number;
  events: number;
  wallSeconds: number[];
}

/** Runs one case in a fresh plain node process: a warm-up, then MEASURED_RUNS timed runs; reports the median. */
export async function runSimulationCase(
  c: SimulationCase,
  measuredRuns = MEASURED_RUNS,
): Promise<SimulationBenchResult> {
  if (!existsSync(builtSimulator))
    throw new Error(
      `the simulation bench times the built dist/, and ${builtSimulator} is missing: run npm run build first (npm run bench does)`,
    );
  const args = [childScript, JSON.stringify(c), String(WARMUP_RUNS), String(measuredRuns)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  const {
    sent,
    events,
    wallSeconds: walls,
  } = JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildReport;
  const wallSeconds = median(walls);
  const name = c.rateMultiplier === 1 ? c.topology : `${c.topology} x${c.rateMultiplier} rate`;
  return {
    name,
    topology: c.topology,
    rateMultiplier: c.rateMultiplier,
    simulatedSeconds: c.simulatedSeconds,
    sent,
    events,
    wallSeconds,
    wallSecondsAll: walls,
    messagesPerSecond: sent / wallSeconds,
    eventsPerSecond: events / wallSeconds,
    usPerMessage: (wallSeconds * 1e6) / sent,
  };
}

/** Runs every case in sequence, each in its own process. */
export async function runSimulationBench(
  cases: readonly SimulationCase[] = DEFAULT_CASES,
): Promise<SimulationBenchResult[]> {
  const results: SimulationBenchResult[] = [];
  for (const c of cases) results.push(await runSimulationCase(c));
  return results;
}

function format(r: SimulationBenchResult): string {
  const msgs = `${(r.messagesPerSecond / 1e3).toFixed(0)} k msg/s`;
  const evs = `${(r.eventsPerSecond / 1e6).toFixed(2)} M events/s`;
  const detail = `${r.sent} msgs, ${r.events} events, ${r.simulatedSeconds} s simulated, ${r.wallSeconds.toFixed(2)} s wall`;
  return `${r.name.padEnd(34)}${msgs.padStart(14)}${evs.padStart(18)}  ${r.usPerMessage.toFixed(2)} us/msg  (${detail})`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const c of DEFAULT_CASES) console.log(format(await runSimulationCase(c)));
}
