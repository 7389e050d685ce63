/** A sweep as one self-contained HTML page: where the answer flips, charts, the table, diagrams. */

import type { Sweep } from '../../sweep/sweep.js';
import { crossoverLines } from '../decide/crossoverText.js';
import { settingsText } from '../decide/settingsText.js';
import { type SweepTable, seriesTables, verdictTable } from '../decide/sweepTable.js';
import { planFlowchart } from '../mermaid/planFlowchart.js';
import { escapeHtml as e, isolated } from './escapeHtml.js';
import { diagramHtml } from './htmlParts.js';
import { htmlPage } from './page.js';
import { sweepCharts } from './sweepCharts.js';

export function sweepHtml(s: Sweep, mermaidJs: string): string {
  const names = s.series.map((x) => x.label);
  const title = `brokerlab sweep of ${s.parameter.path}: ${names.join(' vs ')}`;
  const verdicts = verdictTable(s);
  const tables = [...(verdicts ? [verdicts] : []), ...seriesTables(s)].map(tableHtml).join('\n');
  const flips = crossoverLines(s);
  const body = [
    `<header><h1>brokerlab sweep of ${e(s.parameter.path)}: ${names.map(isolated).join(' vs ')}</h1><p class="settings">${e(s.simulated ? settingsText(s.settings) : 'plan only: static figures, no simulation')}</p></header>`,
    flips.length > 0
      ? `<section id="crossover"><h2>Crossover</h2><ul>${flips.map((l) => `<li>${isolated(l)}</li>`).join('')}</ul></section>`
      : '',
    `<section id="charts"><h2>Charts</h2>\n<div class="charts">\n${sweepCharts(s).join('\n')}\n</div>\n</section>`,
    `<section id="points"><h2>Points</h2>\n${tables}\n</section>`,
    `<section id="deployments"><h2>Deployments</h2>\n${s.series
      .map((x) => diagramHtml(x.label, x.plan.topology.description, planFlowchart(x.plan)))
      .join('\n')}\n</section>`,
  ].join('\n');
  return htmlPage({ title, body, mermaidJs });
}

function tableHtml(t: SweepTable): string {
  return [
    `<h3>${e(t.title)}</h3>`,
    '<table>',
    `<thead><tr>${t.header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...t.rows.map(
      (r) => `<tr>${r.map((c, i) => `<td${t.numeric[i] ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`,
    ),
    '</tbody>',
    '</table>',
  ].join('\n');
}
