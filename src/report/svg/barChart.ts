/**
 * Grouped bars as inline SVG (one group per fault scenario, one bar per candidate), with the
 * 95% interval as a whisker (clipped at zero) and the value written above each bar, so that a zero still shows.
 */
import { escapeHtml, isolatedText } from '../html/escapeHtml.js';
import { color, figure, HEIGHT, MARGIN, WIDTH, xTitle, yAxis } from './chartFrame.js';
import { linearScale, px } from './scales.js';

export interface Bar {
  value: number;
  low: number | null;
  high: number | null;
  /** The value as the table shows it. */
  text: string;
}

export interface BarChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  groups: readonly string[];
  /** One per candidate: a bar per group, null where the group does not apply. */
  series: { label: string; bars: (Bar | null)[] }[];
  format: (v: number) => string;
  /** The least top of the y axis, so that all-zero counts get whole-number ticks (5), not 0.2 steps. */
  minTop?: number;
}

export function barChart(spec: BarChartSpec): string {
  const bottom = HEIGHT - MARGIN.bottom;
  const right = WIDTH - MARGIN.right;
  const values = spec.series.flatMap((s) => s.bars.flatMap((b) => (b ? [b.value, b.high ?? b.value] : [])));
  const y = linearScale(0, Math.max(spec.minTop ?? 1, ...values), bottom, MARGIN.top + 12);
  const groupWidth = (right - MARGIN.left) / Math.max(1, spec.groups.length);
  const barWidth = (groupWidth * 0.7) / Math.max(1, spec.series.length);
  const body: string[] = [yAxis(y.ticks, y, spec.format, spec.yLabel), xTitle(spec.xLabel)];
  spec.groups.forEach((g, gi) => {
    const left = MARGIN.left + gi * groupWidth + groupWidth * 0.15;
    body.push(
      `<text class="tick" x="${px(MARGIN.left + (gi + 0.5) * groupWidth)}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(g)}</text>`,
    );
    spec.series.forEach((s, si) => {
      const bx = left + si * barWidth;
      const cx = bx + barWidth / 2;
      const bar = s.bars[gi] ?? null;
      if (!bar) {
        body.push(`<text class="value" x="${px(cx)}" y="${bottom - 4}" text-anchor="middle">n/a</text>`);
        return;
      }
      const top = y(bar.value);
      const tip = escapeHtml(`${isolatedText(s.label)}, ${g}: ${bar.text}`);
      body.push(
        `<rect x="${px(bx + 1)}" y="${px(top)}" width="${px(barWidth - 2)}" height="${px(Math.max(0, bottom - top))}" fill="${color(si)}"><title>${tip}</title></rect>`,
      );
      if (bar.low !== null && bar.high !== null && bar.high > bar.low) {
        // Counts and times are never negative: an interval reaching below zero is drawn from the axis.
        const low = Math.max(0, bar.low);
        body.push(
          `<line class="whisker" x1="${px(cx)}" x2="${px(cx)}" y1="${px(y(low))}" y2="${px(y(bar.high))}"/>`,
        );
      }
      const labelY = bar.high !== null ? Math.min(top, y(bar.high)) : top;
      body.push(
        `<text class="value" x="${px(cx)}" y="${px(labelY - 4)}" text-anchor="middle">${escapeHtml(bar.text)}</text>`,
      );
    });
  });
  return figure(
    spec.id,
    spec.title,
    body.join('\n'),
    spec.series.map((s) => s.label),
  );
}
