/** What every chart shares: size, colours, the <figure> around the SVG, the legend. */
import { escapeHtml, isolated } from '../html/escapeHtml.js';
import { px } from './scales.js';

export const WIDTH = 640;
export const HEIGHT = 300;
export const MARGIN = { left: 72, right: 16, top: 16, bottom: 48 };
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf'];

export function color(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** The chart's SVG inside a figure with a caption; `id` names the chart for readers and tests. */
export function figure(id: string, title: string, body: string, legend: readonly string[]): string {
  const e = escapeHtml;
  return [
    `<figure class="chart" data-chart="${e(id)}">`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${e(title)}">`,
    `<title>${e(title)}</title>`,
    body,
    '</svg>',
    legendHtml(legend),
    `<figcaption>${e(title)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

function legendHtml(labels: readonly string[]): string {
  if (labels.length === 0) return '';
  const items = labels.map(
    (l, i) =>
      `<span class="key"><span class="swatch" style="background:${color(i)}"></span>${isolated(l)}</span>`,
  );
  return `<div class="legend">${items.join(' ')}</div>`;
}

/** Horizontal grid lines with their labels on the left, and the axis titles. */
export function yAxis(
  ticks: readonly number[],
  y: (v: number) => number,
  format: (v: number) => string,
  label: string,
): string {
  const e = escapeHtml;
  const lines = ticks.map(
    (t) =>
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${px(y(t))}" y2="${px(y(t))}"/>` +
      `<text class="tick" x="${MARGIN.left - 6}" y="${px(y(t) + 4)}" text-anchor="end">${e(format(t))}</text>`,
  );
  const mid = (MARGIN.top + HEIGHT - MARGIN.bottom) / 2;
  lines.push(
    `<text class="axis-title" transform="translate(14 ${px(mid)}) rotate(-90)" text-anchor="middle">${e(label)}</text>`,
  );
  return lines.join('\n');
}

export function xTitle(label: string): string {
  const x = (MARGIN.left + WIDTH - MARGIN.right) / 2;
  return `<text class="axis-title" x="${px(x)}" y="${HEIGHT - 8}" text-anchor="middle">${escapeHtml(label)}</text>`;
}
