/**
 * Units in topology files are strings (`250ms`, `1KiB`, `50/s`); inside brokerlab they are numbers
 * in one fixed unit: microseconds for durations, nanoseconds for tiny per-KiB costs, bytes for
 * sizes and messages per second for rates. These parsers are pure and return `undefined` on bad
 * text so that the caller can attach a location to the error.
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m|min|h|d)$/;
const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)$/;
const RATE = /^(\d+(?:\.\d+)?)\s*\/\s*(s|m|min|h)$/;

const NS_PER_UNIT: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  min: 60e9,
  h: 3600e9,
  d: 86400e9,
};

const BYTES_PER_UNIT: Record<string, number> = {
  B: 1,
  KB: 1e3,
  KiB: 1024,
  MB: 1e6,
  MiB: 1024 ** 2,
  GB: 1e9,
  GiB: 1024 ** 3,
  TB: 1e12,
  TiB: 1024 ** 4,
};

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, min: 60, h: 3600 };

/**
 * `decimal` (digits, maybe a fraction: `0.067`) x `multiplier` / `divisor`, computed exactly, or
 * undefined when the result is not whole. Floating point would reject `0.067s` (67000 us) or
 * `1.001ms`, whose products come out a hair off an integer.
 */
function scaleDecimal(decimal: string, multiplier: number, divisor: number): number | undefined {
  const [whole, fraction = ''] = decimal.split('.');
  const numerator = BigInt(`${whole}${fraction}`) * BigInt(multiplier);
  const denominator = 10n ** BigInt(fraction.length) * BigInt(divisor);
  return numerator % denominator === 0n ? Number(numerator / denominator) : undefined;
}

/** `250ms` -> 250000 (microseconds). Rejects sub-microsecond precision (`0.5us`). */
export function parseDurationUs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return scaleDecimal(m[1]!, NS_PER_UNIT[m[2]!]!, 1e3);
}

/** `0.5us` -> 500 (nanoseconds); for per-KiB costs that are fractions of a microsecond. */
export function parseDurationNs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const ns = scaleDecimal(m[1]!, NS_PER_UNIT[m[2]!]!, 1);
  return ns !== undefined && Number.isSafeInteger(ns) ? ns : undefined;
}

/** `1KiB` -> 1024 (bytes). Fractions of a byte are rejected. */
export function parseSizeBytes(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  const bytes = scaleDecimal(m[1]!, BYTES_PER_UNIT[m[2]!]!, 1);
  return bytes !== undefined && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `50/s` -> 50, `30/m` -> 0.5 (messages per second). */
export function parseRatePerSecond(text: string): number | undefined {
  const m = RATE.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) / SECONDS_PER_UNIT[m[2]!]!;
}

/** Units of written durations, largest first, in microseconds. */
const US_PER_UNIT = [
  ['d', 86_400e6],
  ['h', 3_600e6],
  ['m', 60e6],
  ['s', 1e6],
  ['ms', 1e3],
] as const;

/** `us` in the first unit, largest first, that `fits`; else in microseconds. */
function durationIn(us: number, fits: (factor: number) => boolean): string {
  if (us === 0) return '0s';
  const found = US_PER_UNIT.find(([, factor]) => fits(factor));
  return found ? `${us / found[1]}${found[0]}` : `${us}us`;
}

/** 250000 -> `250ms`: the largest unit that keeps the figure exact, so it parses back to the same value. */
export function formatDurationUs(us: number): string {
  return durationIn(us, (factor) => us % factor === 0);
}

/**
 * 65,700 s -> `18.25h`: the largest unit in which the figure is at least 1 and exact to three
 * decimals, for labels a person reads (`1095m` is exact too, but nobody reads it). Parses back
 * to the same value.
 */
export function readableDurationUs(us: number): string {
  return durationIn(us, (factor) => us >= factor && (us * 1000) % factor === 0);
}

/** 500 -> `500ns`, 1500 -> `1.5us`; exact, so it parses back to the same value. */
export function formatDurationNs(ns: number): string {
  if (ns % 1000 === 0) return formatDurationUs(ns / 1000);
  return `${ns}ns`;
}

/** 1024 -> `1KiB`: the largest binary unit that keeps the figure exact. */
export function formatSizeBytes(bytes: number): string {
  for (const [unit, factor] of [
    ['TiB', 1024 ** 4],
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${bytes}B`;
}

/** 50 -> `50/s`; rates below one per second are written per hour when that is whole. */
export function formatRate(perSecond: number): string {
  if (Number.isInteger(perSecond)) return `${perSecond}/s`;
  const perMinute = perSecond * 60;
  if (Number.isInteger(perMinute)) return `${perMinute}/m`;
  const perHour = perSecond * 3600;
  if (Number.isInteger(perHour)) return `${perHour}/h`;
  return `${perSecond}/s`;
}

/** Human figure for reports: 1234 us -> `1.23ms`. Not meant to round-trip. */
export function humanDurationUs(us: number): string {
  if (us === 0) return '0s';
  if (us < 1000) return `${round3(us)}us`;
  if (us < 1e6) return `${round3(us / 1e3)}ms`;
  if (us < 120e6) return `${round3(us / 1e6)}s`;
  if (us < 7200e6) return `${round3(us / 60e6)}m`;
  return `${round3(us / 3600e6)}h`;
}

/** Human figure for reports: 1536 -> `1.5KiB`. */
export function humanSizeBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${round3(value)}${units[i]}`;
}

function round3(x: number): string {
  return String(Number(x.toPrecision(3)));
}
