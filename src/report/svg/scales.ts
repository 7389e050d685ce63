/** Axes for the report's charts: linear and logarithmic scales with round tick values. */

export interface Scale {
  (value: number): number;
  ticks: number[];
}

/** [lo, hi] data range -> [from, to] pixels, with ticks at 1, 2 or 5 times a power of ten. */
export function linearScale(lo: number, hi: number, from: number, to: number): Scale {
  let min = Math.min(lo, 0);
  let max = hi;
  if (max <= min) max = min + 1;
  const step = niceStep((max - min) / 5);
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const scale = ((v: number) => from + ((v - min) / (max - min)) * (to - from)) as Scale;
  scale.ticks = [];
  for (let t = min; t <= max + step / 2; t += step) scale.ticks.push(Number(t.toPrecision(12)));
  return scale;
}

/** For values spanning decades (latency from microseconds to seconds); values <= 0 sit on the axis. */
export function logScale(lo: number, hi: number, from: number, to: number): Scale {
  const min = 10 ** Math.floor(Math.log10(Math.max(lo, 1e-9)));
  let max = 10 ** Math.ceil(Math.log10(Math.max(hi, lo, 1e-9)));
  if (max <= min) max = min * 10;
  const span = Math.log10(max) - Math.log10(min);
  const scale = ((v: number) =>
    from + ((Math.log10(Math.max(v, min)) - Math.log10(min)) / span) * (to - from)) as Scale;
  scale.ticks = [];
  for (let t = min; t <= max * 1.0001; t *= 10) scale.ticks.push(Number(t.toPrecision(12)));
  return scale;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** A number as SVG writes it: at most two decimals, no trailing zeros. */
export function px(n: number): string {
  return String(Math.round(n * 100) / 100);
}
