/** A sweep for the terminal: settings, a table per topology, the side-by-side verdicts, the crossover. */
import type { Sweep } from '../../sweep/sweep.js';
import { crossoverLines } from '../decide/crossoverText.js';
import { settingsText } from '../decide/settingsText.js';
import { type SweepTable, seriesTables, verdictTable } from '../decide/sweepTable.js';
import { renderTable } from './table.js';

export function sweepText(s: Sweep): string {
  const out: string[] = [];
  out.push(`sweep ${s.parameter.path} over ${s.series.map((x) => x.label).join(' vs ')}`);
  out.push(`  ${s.simulated ? settingsText(s.settings) : 'plan only: static figures, no simulation'}`);
  const verdicts = verdictTable(s);
  for (const t of [...seriesTables(s), ...(verdicts ? [verdicts] : [])])
    out.push('', `${t.title}:`, table(t));
  const flips = crossoverLines(s);
  if (flips.length > 0) out.push('', ...flips);
  return `${out.join('\n')}\n`;
}

function table(t: SweepTable): string {
  return renderTable(
    [t.header, ...t.rows],
    t.numeric.map((n) => (n ? 'right' : 'left')),
    '  ',
  );
}
