/**
 * `npm run bench`: the engine, simulation and memory benches of issue 3 and the check bench of
 * issue 4 and the validate bench of issue 10, in sequence, printed as
 * one table (name, figure, unit, goal, verdict) with the machine at the top, or as JSON with
 * `--json`. Writes no files. Exit code 0 whatever the verdicts (the figures are the output); a
 * bench that throws exits non-zero.
 *
 * Run: node --import tsx bench/run.ts [--json]
 */
import os from 'node:os';
import { type CheckBenchResult, runCheckBench } from './check.bench.js';
import { type BenchResult, runEngineBench } from './engine.bench.js';
import { FLAT_TOLERANCE, type MemoryBenchResult, runMemoryBench } from './memory.bench.js';
import {
  runSimulationBench,
  SIMULATION_GOAL_MESSAGES_PER_SECOND,
  type SimulationBenchResult,
} from './simulation.bench.js';
import { runValidateBench, VALIDATE_GOAL_SECONDS, type ValidateBenchResult } from './validate.bench.js';

export interface Row {
  name: string;
  figure: number;
  unit: string;
  /** Human goal, or '' for a figure shown for information. */
  goal: string;
  verdict: 'pass' | 'FAIL' | 'info';
}

const ENGINE_GOAL_RATIO = 0.5;

function usage(): never {
  process.stderr.write('usage: node --import tsx bench/run.ts [--json]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
for (const a of args) if (a !== '--json') usage();
const json = args.includes('--json');
const showProgress = !json && process.stderr.isTTY === true;

function progress(what: string): void {
  if (showProgress) process.stderr.write(`\r\x1b[K${what}...`);
}

const verdict = (ok: boolean): Row['verdict'] => (ok ? 'pass' : 'FAIL');

function engineRows(results: BenchResult[]): Row[] {
  return results.map((r): Row => {
    if (r.ratio === undefined)
      return {
        name: `engine: ${r.name}`,
        figure: r.eventsPerSecond,
        unit: 'events/s',
        goal: '',
        verdict: 'info',
      };
    return {
      name: `engine: ${r.name.replace('EventQueue, ', 'EventQueue / bare, ')}`,
      figure: r.ratio,
      unit: 'x bare',
      goal: `>= ${ENGINE_GOAL_RATIO}`,
      verdict: verdict(r.ratio >= ENGINE_GOAL_RATIO),
    };
  });
}

function simulationRows(results: SimulationBenchResult[]): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    const bundled = r.rateMultiplier === 1;
    const label = `sim: ${r.name}, ${r.simulatedSeconds / 60} min`;
    rows.push({
      name: label,
      figure: r.messagesPerSecond,
      unit: 'msgs/s',
      goal: bundled ? `>= ${SIMULATION_GOAL_MESSAGES_PER_SECOND.toLocaleString('en-US')}` : '',
      verdict: bundled ? verdict(r.messagesPerSecond >= SIMULATION_GOAL_MESSAGES_PER_SECOND) : 'info',
    });
    rows.push({
      name: `${label}, events`,
      figure: r.eventsPerSecond,
      unit: 'events/s',
      goal: '',
      verdict: 'info',
    });
  }
  return rows;
}

function memoryRows(m: MemoryBenchResult): Row[] {
  const rows: Row[] = [];
  const mib = 2 ** 20;
  for (const r of m.runs) {
    const label = `memory: ${m.topology}, ${r.simulatedSeconds / 60} min (${r.sent.toLocaleString('en-US')} msgs)`;
    rows.push({
      name: `${label}, peak RSS`,
      figure: r.peakRssBytes / mib,
      unit: 'MiB',
      goal: '',
      verdict: 'info',
    });
    rows.push({
      name: `${label}, peak live heap`,
      figure: r.peakLiveHeapBytes / mib,
      unit: 'MiB',
      goal: '',
      verdict: 'info',
    });
  }
  const first = m.runs[0]!;
  const last = m.runs[m.runs.length - 1]!;
  const span = `${first.simulatedSeconds / 60} -> ${last.simulatedSeconds / 60} min`;
  const goal = `<= ${FLAT_TOLERANCE} (flat)`;
  rows.push({
    name: `memory: peak RSS growth, ${span}`,
    figure: m.rssGrowth,
    unit: 'x',
    goal,
    verdict: verdict(m.rssGrowth <= FLAT_TOLERANCE),
  });
  rows.push({
    name: `memory: peak live heap growth, ${span}`,
    figure: m.liveHeapGrowth,
    unit: 'x',
    goal,
    verdict: verdict(m.liveHeapGrowth <= FLAT_TOLERANCE),
  });
  return rows;
}

const CHECK_GOAL_SECONDS = 30;

function checkRows(results: CheckBenchResult[]): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    rows.push({
      name: r.name,
      figure: r.seconds,
      unit: 's',
      goal: `< ${CHECK_GOAL_SECONDS}`,
      verdict: verdict(r.seconds < CHECK_GOAL_SECONDS),
    });
    rows.push({
      name: `${r.name}, runs/s`,
      figure: r.runsPerSecond,
      unit: 'runs/s',
      goal: '',
      verdict: 'info',
    });
  }
  if (results.length === 2) {
    rows.push({
      name: 'check: speed-up with 2 worker threads',
      figure: results[0]!.seconds / results[1]!.seconds,
      unit: 'x',
      goal: '',
      verdict: 'info',
    });
  }
  return rows;
}

function validateRows(results: ValidateBenchResult[]): Row[] {
  return results.map((r) => ({
    name: `${r.name} (${(r.bytes / 2 ** 20).toFixed(1)} MiB), CPU`,
    figure: r.seconds,
    unit: 's',
    goal: `< ${VALIDATE_GOAL_SECONDS}`,
    verdict: verdict(r.seconds < VALIDATE_GOAL_SECONDS),
  }));
}

function formatFigure(value: number, unit: string): string {
  if (unit === 'x' || unit === 'x bare') return value.toFixed(2);
  if (unit === 'MiB' || unit === 's' || unit === 'runs/s') return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

function table(rows: Row[]): string {
  const header = ['name', 'figure', 'unit', 'goal', 'verdict'];
  const cells = rows.map((r) => [r.name, formatFigure(r.figure, r.unit), r.unit, r.goal || '-', r.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string =>
    c
      .map((v, i) => (i === 1 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

const cpus = os.cpus();
const machine = {
  node: process.version,
  cpu: cpus[0]?.model ?? 'unknown',
  cores: cpus.length,
  platform: `${os.platform()} ${os.arch()}`,
};

progress('engine bench');
const engine = await runEngineBench();
progress('simulation bench');
const simulation = await runSimulationBench();
progress('memory bench');
const memory = await runMemoryBench();
progress('check bench');
const check = await runCheckBench();
progress('validate bench');
const validate = runValidateBench();
if (showProgress) process.stderr.write('\r\x1b[K');

const rows = [
  ...engineRows(engine),
  ...simulationRows(simulation),
  ...memoryRows(memory),
  ...checkRows(check),
  ...validateRows(validate),
];

if (json) {
  process.stdout.write(
    `${JSON.stringify({ machine, rows, engine, simulation, memory, check, validate }, null, 2)}\n`,
  );
} else {
  process.stdout.write(
    `brokerlab bench: Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores (${machine.platform})\n\n`,
  );
  process.stdout.write(`${table(rows)}\n`);
}
