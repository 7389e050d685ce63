/** Pieces of the HTML reports: the comparison table, the recommendation, diagrams and lints. */
import type { Comparison } from '../../compare/compareTopologies.js';
import type { Recommendation } from '../../compare/recommendation.js';
import type { Lint } from '../../plan/types.js';
import type { TableSection } from '../decide/comparisonTable.js';
import { reasonText, verdictHeadline } from '../decide/reasonText.js';
import { escapeHtml as e, isolated } from './escapeHtml.js';

export function htmlTable(columns: readonly string[], sections: readonly TableSection[]): string {
  const out = [
    '<table>',
    `<thead><tr><th></th>${columns.map((c) => `<th>${isolated(c)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
  ];
  for (const s of sections) {
    out.push(`<tr class="section"><th colspan="${columns.length + 1}">${e(s.title)}</th></tr>`);
    for (const r of s.rows)
      out.push(
        `<tr data-row="${e(r.key)}"><td>${e(r.label)}</td>${r.cells.map((c) => `<td class="num">${e(c)}</td>`).join('')}</tr>`,
      );
  }
  out.push('</tbody>', '</table>');
  return out.join('\n');
}

export function recommendationHtml(c: Comparison, rec: Recommendation): string {
  return rec.verdicts
    .map((v) =>
      [
        `<div class="verdict" data-concern="${e(v.concern)}">`,
        `<span class="concern">${e(v.title)}</span>: <span class="who">${isolated(verdictHeadline(c, v))}</span>`,
        `<ul>${v.reasons.map((r) => `<li class="reason">${isolated(reasonText(c, r))}</li>`).join('')}</ul>`,
        '</div>',
      ].join(''),
    )
    .join('\n');
}

/** A mermaid diagram: its text is escaped here and unescaped by the browser before mermaid reads it. */
export function diagramHtml(title: string, description: string, mermaidText: string): string {
  return [
    '<div class="deployment">',
    `<h3>${isolated(title)}</h3>`,
    description ? `<p>${isolated(description)}</p>` : '',
    `<div class="diagram"><pre class="mermaid">${e(mermaidText)}</pre></div>`,
    '</div>',
  ].join('\n');
}

export function lintsHtml(label: string, lints: readonly Lint[]): string {
  if (lints.length === 0) return '';
  const items = lints.map(
    (l) =>
      `<li class="lint-${e(l.severity)}"><strong>${e(l.severity)}</strong>: ${isolated(l.message)} <em>${e(l.reason)}</em></li>`,
  );
  return `<h3>${isolated(label)}</h3><ul>${items.join('')}</ul>`;
}
