/**
 * A comparison as one self-contained HTML page: the recommendation, the table, the charts, each
 * candidate's deployment drawn by mermaid, and the lints. Pure: mermaid's bundle comes in as
 * text.
 */
import type { Comparison } from '../../compare/compareTopologies.js';
import type { Recommendation } from '../../compare/recommendation.js';
import { comparisonTable } from '../decide/comparisonTable.js';
import { settingsText } from '../decide/settingsText.js';
import { planFlowchart } from '../mermaid/planFlowchart.js';
import { compareCharts } from './compareCharts.js';
import { escapeHtml as e, isolated } from './escapeHtml.js';
import { diagramHtml, htmlTable, lintsHtml, recommendationHtml } from './htmlParts.js';
import { htmlPage } from './page.js';

export function compareHtml(c: Comparison, rec: Recommendation, mermaidJs: string): string {
  const names = c.candidates.map((k) => k.label);
  const title = `brokerlab: ${names.join(' vs ')}`;
  const lints = c.candidates.map((k) => lintsHtml(k.label, k.lints)).join('\n');
  const body = [
    `<header><h1>brokerlab: ${names.map(isolated).join(' vs ')}</h1><p class="settings">${e(settingsText(c.settings))}</p></header>`,
    `<section id="recommendation"><h2>Recommendation</h2>\n${recommendationHtml(c, rec)}\n</section>`,
    `<section id="comparison"><h2>Comparison</h2>\n${htmlTable(
      c.candidates.map((k) => k.label),
      comparisonTable(c),
    )}\n</section>`,
    `<section id="charts"><h2>Charts</h2>\n<div class="charts">\n${compareCharts(c).join('\n')}\n</div>\n</section>`,
    `<section id="deployments"><h2>Deployments</h2>\n${c.candidates
      .map((k) => diagramHtml(k.label, k.description, planFlowchart(k.plan)))
      .join('\n')}\n</section>`,
    lints ? `<section id="lints"><h2>Lints</h2>\n${lints}\n</section>` : '',
  ].join('\n');
  return htmlPage({ title, body, mermaidJs });
}
