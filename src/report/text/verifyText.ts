/** `verify`'s table: the real run beside its simulation, and the verdict. */
import type { RunFigures } from '../../verify/figures.js';
import { lossCategory } from '../../verify/verdict.js';
import type { Verification } from '../../verify/verification.js';

export interface VerifyRow {
  label: string;
  real: string;
  simulated: string;
}

export function verifyRows(v: Verification): VerifyRow[] {
  const cell = (f: (r: RunFigures) => string) => ({
    real: v.real ? f(v.real) : '-',
    simulated: f(v.simulated),
  });
  const count = (k: keyof RunFigures['fates']) => cell((r) => String(r.fates[k]));
  const newMaster = cell((r) => (r.newMasterUs === null ? '-' : ms(r.newMasterUs)));
  return [
    { label: 'sent', ...count('sent') },
    { label: 'delivered', ...count('delivered') },
    { label: 'lost', ...count('lost') },
    { label: 'stranded', ...count('stranded') },
    { label: 'duplicated', ...count('duplicated') },
    { label: 'send failed', ...count('sendFailed') },
    { label: 'outcome unknown', ...count('outcomeUnknown') },
    { label: 'at risk at the fault', ...cell((r) => String(r.atRisk)) },
    { label: 'loss category', ...cell((r) => lossCategory(r.fates.lost, r.atRisk)) },
    { label: 'failover gap', ...cell((r) => (r.failoverUs < 0 ? 'none' : ms(r.failoverUs))) },
    ...(newMaster.real === '-' && newMaster.simulated === '-'
      ? []
      : [{ label: 'new master started', ...newMaster }]),
    { label: 'send gap', ...cell((r) => ms(r.sendGapUs)) },
    { label: 'latency p50', ...cell((r) => ms(r.latencyP50Us)) },
    { label: 'latency p99', ...cell((r) => ms(r.latencyP99Us)) },
  ];
}

export function verifyText(v: Verification): string {
  const lines = [
    `verify ${v.topology}: scenario ${v.scenario}, ${v.processes.map((p) => `${p.app} x${p.replicas}`).join(', ')}, ${ms(v.sendUs)} of sending`,
  ];
  if (v.fault)
    lines.push(
      v.fault.skipped
        ? `fault ${v.fault.kind} on ${v.fault.target}: skipped, ${v.fault.skipped}`
        : `fault ${v.fault.kind} on ${v.fault.target} at ${ms(v.fault.atUs)}: ${v.fault.injected}`,
    );
  lines.push('');
  const rows = verifyRows(v);
  const w = Math.max(...rows.map((r) => r.label.length));
  const wr = Math.max(4, ...rows.map((r) => r.real.length));
  lines.push(`${''.padEnd(w)}  ${'real'.padStart(wr)}  simulated`);
  for (const r of rows) lines.push(`${r.label.padEnd(w)}  ${r.real.padStart(wr)}  ${r.simulated}`);
  lines.push('');
  if (v.agree === null) lines.push('nothing ran for real: no verdict');
  else {
    lines.push(
      `loss category: ${v.loss!.agree ? 'agrees' : `DISAGREES (real ${v.loss!.real}, simulated ${v.loss!.simulated})`}`,
    );
    const f = v.failover!;
    const rule =
      f.realUs < 0 && f.simulatedUs < 0
        ? 'neither had one'
        : `the simulated one must lie within ±${Math.round(f.tolerance * 100)}% of the real one`;
    lines.push(`failover gap: ${f.agree ? 'agrees' : 'DISAGREES'} (${rule})`);
  }
  return `${lines.join('\n')}\n`;
}

function ms(us: number): string {
  return us >= 10_000_000 ? `${(us / 1e6).toFixed(1)} s` : `${(us / 1000).toFixed(us < 10_000 ? 1 : 0)} ms`;
}
