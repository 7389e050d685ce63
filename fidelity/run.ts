/**
 * `npm run fidelity [-- --reps N] [--only id,id] [--out FILE]`: every experiment against the real
 * broker and the simulation of its mirror topology, written to docs/FIDELITY.md (atomically: a
 * failed run leaves the last good page).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/real/javaClasses.js';
import { EXPERIMENTS, type Row } from './experiments.js';
import { openLab } from './lab.js';
import { describeMachine } from './machine.js';
import { fidelityMarkdown } from './report.js';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    only: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'docs', 'FIDELITY.md') },
  },
});
const reps = Number(values.reps);
if (!Number.isInteger(reps) || reps < 1) usage(`--reps must be a whole number >= 1, got ${values.reps}`);
const only = values.only?.split(',');
const unknown = only?.filter((id) => !EXPERIMENTS.some((e) => e.id === id)) ?? [];
if (unknown.length > 0)
  usage(`unknown experiment ${unknown.join(', ')}; known: ${EXPERIMENTS.map((e) => e.id).join(', ')}`);
const experiments = EXPERIMENTS.filter((e) => !only || only.includes(e.id));

const opened = await openLab();
if (!opened.ok) usage(`cannot run against a real broker: ${opened.missing}`);
const lab = opened.lab;
const machine = describeMachine(lab.inst, new Date());
const rows: Row[] = [];
for (const e of experiments) {
  const t0 = Date.now();
  const got = await e.run(lab, reps, (what) => process.stderr.write(`${what}\n`));
  rows.push(...got);
  for (const r of got)
    process.stderr.write(
      `  ${r.ok ? 'ok ' : 'OFF'} ${r.measure}: real ${r.real}, simulated ${r.simulated}\n`,
    );
  process.stderr.write(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
const page = fidelityMarkdown(machine, Math.round(loadavg()[0]! * 100) / 100, reps, experiments, rows);
const out = values.out!;
writeFileSync(`${out}.tmp`, page);
renameSync(`${out}.tmp`, out);
process.stderr.write(`${rows.filter((r) => r.ok).length} of ${rows.length} within tolerance; wrote ${out}\n`);

function usage(message: string): never {
  process.stderr.write(`fidelity: ${message}\n`);
  process.exit(2);
}
