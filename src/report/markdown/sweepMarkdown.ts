/** A sweep as GitHub markdown: a table per topology, the verdicts, the crossover, each topology's diagram. */
import type { Sweep } from '../../sweep/sweep.js';
import { crossoverLines } from '../decide/crossoverText.js';
import { settingsText } from '../decide/settingsText.js';
import { seriesTables, verdictTable } from '../decide/sweepTable.js';
import { planFlowchart } from '../mermaid/planFlowchart.js';
import { markdownTable, markdownText as md } from './markdownText.js';

export function sweepMarkdown(s: Sweep): string {
  const out: string[] = [];
  out.push(`# Sweep of ${md(s.parameter.path)}: ${md(s.series.map((x) => x.label).join(' vs '))}`, '');
  out.push(md(s.simulated ? settingsText(s.settings) : 'plan only: static figures, no simulation'));
  const flips = crossoverLines(s);
  if (flips.length > 0) out.push('', ...flips.map((l) => `- ${md(l)}`));
  const verdicts = verdictTable(s);
  for (const t of [...(verdicts ? [verdicts] : []), ...seriesTables(s)])
    out.push(
      '',
      `## ${md(t.title)}`,
      '',
      markdownTable(
        t.header.map(md),
        t.rows.map((r) => r.map(md)),
        t.numeric,
      ),
    );
  out.push('', '## Deployments');
  for (const series of s.series)
    out.push('', `### ${md(series.label)}`, '', '```mermaid', planFlowchart(series.plan).trimEnd(), '```');
  return `${out.join('\n')}\n`;
}
