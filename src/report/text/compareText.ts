/** A comparison for the terminal: the side-by-side table, the lints, and the recommendation. */
import type { Comparison } from '../../compare/compareTopologies.js';
import type { Recommendation } from '../../compare/recommendation.js';
import { comparisonTable } from '../decide/comparisonTable.js';
import { reasonText, verdictHeadline } from '../decide/reasonText.js';
import { settingsText } from '../decide/settingsText.js';
import { type Align, renderTable } from './table.js';

export function compareText(c: Comparison, rec: Recommendation): string {
  const out: string[] = [];
  out.push(`compare ${c.candidates.map((k) => k.label).join(' vs ')}`);
  out.push(`  ${settingsText(c.settings)}`);
  out.push('');
  const rows: string[][] = [['', ...c.candidates.map((k) => k.label)]];
  for (const section of comparisonTable(c)) {
    rows.push([section.title, ...c.candidates.map(() => '')]);
    for (const r of section.rows) rows.push([`  ${r.label}`, ...r.cells]);
  }
  const align: Align[] = ['left', ...c.candidates.map((): Align => 'right')];
  out.push(renderTable(rows, align, '  '));
  const lints = c.candidates.flatMap((k) =>
    k.lints.filter((l) => l.severity !== 'info').map((l) => `  ${k.label}: ${l.severity}: ${l.message}`),
  );
  if (lints.length > 0) out.push('', 'lints:', ...lints);
  out.push('', 'recommendation (95% confidence; a difference within noise is a tie):');
  for (const v of rec.verdicts) {
    out.push(`  ${v.title}: ${verdictHeadline(c, v)}`);
    for (const reason of v.reasons) out.push(`    - ${reasonText(c, reason)}`);
  }
  return `${out.join('\n')}\n`;
}
