/** `verify --html`: the real-vs-simulated table on a page of its own. */
import type { Verification } from '../../verify/verification.js';
import { verifyRows } from '../text/verifyText.js';
import { escapeHtml as e } from './escapeHtml.js';
import { htmlPage } from './page.js';

export function verifyHtml(v: Verification): string {
  const table = [
    '<table>',
    '<thead><tr><th></th><th>real</th><th>simulated</th></tr></thead>',
    '<tbody>',
    ...verifyRows(v).map(
      (r) =>
        `<tr><td>${e(r.label)}</td><td class="num">${e(r.real)}</td><td class="num">${e(r.simulated)}</td></tr>`,
    ),
    '</tbody>',
    '</table>',
  ].join('\n');
  const verdict =
    v.agree === null
      ? 'nothing ran for real: no verdict'
      : v.agree
        ? 'real and simulated agree on the loss category and the failover gap'
        : 'real and simulated DISAGREE';
  const fault = v.fault
    ? `<p class="settings">fault ${e(v.fault.kind)} on ${e(v.fault.target)}: ${e(v.fault.skipped ? `skipped, ${v.fault.skipped}` : (v.fault.injected ?? ''))}</p>`
    : '';
  const body = [
    `<h1>verify ${e(v.topology)}: ${e(v.scenario)}</h1>`,
    fault,
    table,
    `<p class="verdict">${e(verdict)}</p>`,
  ].join('\n');
  return htmlPage({ title: `brokerlab verify ${v.topology}`, body, mermaidJs: null });
}
