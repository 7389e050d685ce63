/**
 * A line chart as inline SVG: one line per series, its 95% confidence band shaded around it,
 * a tooltip on every point, and optionally shaded x intervals (where a sweep's answer flips).
 */
import { escapeHtml, isolatedText } from '../html/escapeHtml.js';
import { color, figure, HEIGHT, MARGIN, WIDTH, xTitle, yAxis } from './chartFrame.js';
import { linearScale, logScale, px } from './scales.js';

export interface ChartPoint {
  x: number;
  y: number | null;
  low?: number | null;
  high?: number | null;
}

export interface ChartSeries {
  label: string;
  points: ChartPoint[];
}

export interface LineChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  /** `category`: x is an index into `categories`, evenly spaced. */
  x: { kind: 'linear' | 'category'; categories?: readonly string[]; format: (v: number) => string };
  y: { kind: 'linear' | 'log'; format: (v: number) => string };
  series: ChartSeries[];
  /** Shaded x intervals, e.g. where a sweep's answer flips. */
  highlights?: readonly { from: number; to: number; label: string }[];
}

export function lineChart(spec: LineChartSpec): string {
  const points = spec.series.flatMap((s) => s.points);
  const ys = points
    .flatMap((p) => [p.y, p.low, p.high])
    .filter((v): v is number => v !== null && v !== undefined);
  const xs = points.map((p) => p.x);
  const bottom = HEIGHT - MARGIN.bottom;
  const right = WIDTH - MARGIN.right;
  const yLo = ys.length > 0 ? Math.min(...ys) : 0;
  const yHi = ys.length > 0 ? Math.max(...ys) : 1;
  const y =
    spec.y.kind === 'log'
      ? logScale(Math.min(...ys.filter((v) => v > 0), yHi || 1), yHi, bottom, MARGIN.top)
      : linearScale(yLo, yHi, bottom, MARGIN.top);
  const category = spec.x.kind === 'category';
  const xMin = category ? -0.5 : Math.min(...xs);
  const xMax = category ? (spec.x.categories?.length ?? 1) - 0.5 : Math.max(...xs);
  const x = (v: number) => MARGIN.left + ((v - xMin) / (xMax - xMin || 1)) * (right - MARGIN.left);
  const xTicks = category ? (spec.x.categories ?? []).map((_, i) => i) : distinct(xs);
  const body: string[] = [yAxis(y.ticks, y, spec.y.format, spec.yLabel), xTitle(spec.xLabel)];
  for (const t of xTicks) {
    const text = category ? (spec.x.categories?.[t] ?? '') : spec.x.format(t);
    body.push(
      `<text class="tick" x="${px(x(t))}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(text)}</text>`,
    );
  }
  for (const h of spec.highlights ?? []) body.push(highlight(h, x, bottom));
  spec.series.forEach((s, i) => {
    body.push(band(s, x, y, color(i)), line(s, x, y, color(i)));
    for (const p of s.points) if (p.y !== null) body.push(dot(s.label, p, x, y, color(i), spec));
  });
  return figure(
    spec.id,
    spec.title,
    body.join('\n'),
    spec.series.map((s) => s.label),
  );
}

function distinct(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function highlight(
  h: NonNullable<LineChartSpec['highlights']>[number],
  x: (v: number) => number,
  bottom: number,
): string {
  const from = Math.min(x(h.from), x(h.to));
  const width = Math.max(2, Math.abs(x(h.to) - x(h.from)));
  return (
    `<rect class="crossover" x="${px(from)}" y="${MARGIN.top}" width="${px(width)}" height="${px(bottom - MARGIN.top)}"/>` +
    `<text class="crossover-label" x="${px(from + width / 2)}" y="${MARGIN.top + 12}" text-anchor="middle">${escapeHtml(h.label)}</text>`
  );
}

function band(s: ChartSeries, x: (v: number) => number, y: (v: number) => number, fill: string): string {
  const withBand = s.points.filter(
    (p) => p.low !== null && p.low !== undefined && p.high !== null && p.high !== undefined,
  );
  if (withBand.length < 2) return '';
  const upper = withBand.map((p) => `${px(x(p.x))},${px(y(p.high!))}`);
  const lower = withBand.map((p) => `${px(x(p.x))},${px(y(p.low!))}`).reverse();
  return `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${fill}"/>`;
}

function line(s: ChartSeries, x: (v: number) => number, y: (v: number) => number, stroke: string): string {
  const pts = s.points.filter((p) => p.y !== null).map((p) => `${px(x(p.x))},${px(y(p.y!))}`);
  return pts.length < 2 ? '' : `<polyline class="line" points="${pts.join(' ')}" stroke="${stroke}"/>`;
}

function dot(
  label: string,
  p: ChartPoint,
  x: (v: number) => number,
  y: (v: number) => number,
  fill: string,
  spec: LineChartSpec,
): string {
  const where = spec.x.kind === 'category' ? (spec.x.categories?.[p.x] ?? '') : spec.x.format(p.x);
  const interval =
    p.low !== null && p.low !== undefined && p.high !== null && p.high !== undefined && p.high > p.low
      ? ` (95% CI ${spec.y.format(p.low)} to ${spec.y.format(p.high)})`
      : '';
  const tip = `${isolatedText(label)} at ${where}: ${spec.y.format(p.y!)}${interval}`;
  return `<circle cx="${px(x(p.x))}" cy="${px(y(p.y!))}" r="3.5" fill="${fill}"><title>${escapeHtml(tip)}</title></circle>`;
}
