/**
 * A comparison as GitHub markdown: the recommendation, the side-by-side table, lints, and a
 * ```mermaid block with each candidate's deployment.
 */
import type { Comparison } from '../../compare/compareTopologies.js';
import type { Recommendation } from '../../compare/recommendation.js';
import { comparisonTable } from '../decide/comparisonTable.js';
import { reasonText, verdictHeadline } from '../decide/reasonText.js';
import { settingsText } from '../decide/settingsText.js';
import { planFlowchart } from '../mermaid/planFlowchart.js';
import { markdownTable, markdownText as md } from './markdownText.js';

export function compareMarkdown(c: Comparison, rec: Recommendation): string {
  const out: string[] = [];
  out.push(`# ${md(c.candidates.map((k) => k.label).join(' vs '))}`, '');
  out.push(md(settingsText(c.settings)), '');
  out.push('## Recommendation', '');
  for (const v of rec.verdicts) {
    out.push(`- **${md(v.title)}**: ${md(verdictHeadline(c, v))}`);
    for (const reason of v.reasons) out.push(`  - ${md(reasonText(c, reason))}`);
  }
  out.push('', '## Comparison', '');
  const rows: string[][] = [];
  for (const section of comparisonTable(c)) {
    rows.push([`**${md(section.title)}**`, ...c.candidates.map(() => '')]);
    for (const r of section.rows) rows.push([md(r.label), ...r.cells.map(md)]);
  }
  out.push(
    markdownTable(['', ...c.candidates.map((k) => md(k.label))], rows, [
      false,
      ...c.candidates.map(() => true),
    ]),
  );
  const lints = c.candidates.flatMap((k) =>
    k.lints.map((l) => `- ${md(k.label)}: **${l.severity}**: ${md(l.message)} (${md(l.reason)})`),
  );
  if (lints.length > 0) out.push('', '## Lints', '', ...lints);
  out.push('', '## Deployments');
  for (const k of c.candidates) {
    out.push('', `### ${md(k.label)}`, '');
    if (k.description) out.push(md(k.description), '');
    out.push('```mermaid', planFlowchart(k.plan).trimEnd(), '```');
  }
  return `${out.join('\n')}\n`;
}
