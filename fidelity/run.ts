/**
 * `npm run fidelity [-- --reps N] [--only id,id] [--out FILE] [--resimulate]`: every experiment
 * against the real broker and the simulation of its mirror topology, written to
 * docs/FIDELITY.md, with the real measurements beside it in docs/FIDELITY.json. `--resimulate`
 * reads those measurements back and only simulates again (seconds, no broker): for changing the
 * model. Files are written atomically: a failed run leaves the last good ones.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/real/javaClasses.js';
import { EXPERIMENTS, type Experiment } from './experiments.js';
import { openLab } from './lab.js';
import { describeMachine, type Machine } from './machine.js';
import { fidelityMarkdown } from './report.js';

/** What a real run measured, saved so that the simulation can be judged again against it. */
interface Measured {
  format: 'brokerlab.fidelity-real/1';
  machine: Machine;
  endLoad: number;
  reps: number;
  real: Record<string, unknown[]>;
}

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    only: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'docs', 'FIDELITY.md') },
    resimulate: { type: 'boolean', default: false },
  },
});
const reps = Number(values.reps);
if (!Number.isInteger(reps) || reps < 1) usage(`--reps must be a whole number >= 1, got ${values.reps}`);
const only = values.only?.split(',');
const unknown = only?.filter((id) => !EXPERIMENTS.some((e) => e.id === id)) ?? [];
if (unknown.length > 0)
  usage(`unknown experiment ${unknown.join(', ')}; known: ${EXPERIMENTS.map((e) => e.id).join(', ')}`);
const out = values.out!;
const saved = out.replace(/(\.md)?$/, '.json');

const measured = values.resimulate ? readMeasured(saved) : await measure();
const experiments = EXPERIMENTS.filter((e) => measured.real[e.id] && (!only || only.includes(e.id)));
const rows = experiments.flatMap((e) => judge(e, measured.real[e.id]!));
const page = fidelityMarkdown(measured.machine, measured.endLoad, measured.reps, experiments, rows);
if (!values.resimulate) writeAtomically(saved, `${JSON.stringify(measured, null, 2)}\n`);
writeAtomically(out, page);
process.stderr.write(`${rows.filter((r) => r.ok).length} of ${rows.length} within tolerance; wrote ${out}\n`);

async function measure(): Promise<Measured> {
  const opened = await openLab();
  if (!opened.ok) usage(`cannot run against a real broker: ${opened.missing}`);
  const machine = describeMachine(opened.lab.inst, new Date());
  const real: Record<string, unknown[]> = {};
  for (const e of EXPERIMENTS.filter((x) => !only || only.includes(x.id))) {
    const t0 = Date.now();
    real[e.id] = await e.measure(opened.lab, reps, (what) => process.stderr.write(`${what}\n`));
    process.stderr.write(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const endLoad = Math.round(loadavg()[0]! * 100) / 100;
  return { format: 'brokerlab.fidelity-real/1', machine, endLoad, reps, real };
}

function judge(e: Experiment, real: unknown[]) {
  const rows = e.judge(real);
  for (const r of rows)
    process.stderr.write(
      `${r.ok ? 'ok ' : 'OFF'} ${e.id}, ${r.measure}: real ${r.real}, simulated ${r.simulated}\n`,
    );
  return rows;
}

function readMeasured(file: string): Measured {
  let parsed: Measured;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Measured;
  } catch (e) {
    usage(`--resimulate reads the real measurements in ${file}: ${(e as Error).message}`);
  }
  if (parsed.format !== 'brokerlab.fidelity-real/1')
    usage(`${file} is not a brokerlab fidelity measurement (format ${parsed.format})`);
  return parsed;
}

function writeAtomically(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

function usage(message: string): never {
  process.stderr.write(`fidelity: ${message}\n`);
  process.exit(2);
}
