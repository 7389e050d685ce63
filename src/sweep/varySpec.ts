/**
 * `PATH=FROM..TO[:STEPS]` -> the values a sweep takes. The kind of value follows the setting it
 * varies: a whole number (`replicas`, `brokers`), a plain number, or a figure with units
 * (`mtbf=1h..24h`, `size=1KiB..64KiB`, `rate=10/s..100/s`), spaced evenly from FROM to TO.
 */

import { quote } from '../text/quote.js';
import { parseDurationUs, parseRatePerSecond, parseSizeBytes } from '../topology/units.js';

export type ValueKind = 'integer' | 'number' | 'duration' | 'size' | 'rate';

export interface VarySpec {
  path: string;
  from: string;
  to: string;
  steps: number;
}

export const DEFAULT_STEPS = 5;
export const MAX_STEPS = 100;

export type VaryResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseVary(text: string): VaryResult<VarySpec> {
  const m = /^([^=]+)=(.+?)\.\.(.+?)(?::(\d+))?$/.exec(text.trim());
  if (!m)
    return {
      ok: false,
      message: `--vary must look like PATH=FROM..TO[:STEPS], e.g. applications.orders.replicas=10..500:5, not ${quote(text)}`,
    };
  const steps = m[4] === undefined ? DEFAULT_STEPS : Number(m[4]);
  if (steps < 2 || steps > MAX_STEPS)
    return { ok: false, message: `--vary needs from 2 to ${MAX_STEPS} steps, not ${steps}` };
  return { ok: true, value: { path: m[1]!.trim(), from: m[2]!.trim(), to: m[3]!.trim(), steps } };
}

/** What kind of value a setting holds, from its current value in the file format. */
export function valueKind(current: unknown): ValueKind | undefined {
  if (typeof current === 'number') return Number.isInteger(current) ? 'integer' : 'number';
  if (typeof current !== 'string') return undefined;
  if (parseDurationUs(current) !== undefined) return 'duration';
  if (parseSizeBytes(current) !== undefined) return 'size';
  if (parseRatePerSecond(current) !== undefined) return 'rate';
  return undefined;
}

const EXAMPLES: Record<ValueKind, string> = {
  integer: '10..500',
  number: '1.5..4',
  duration: '1h..24h',
  size: '1KiB..64KiB',
  rate: '10/s..1000/s',
};

/** FROM or TO in the setting's internal unit (us, bytes, messages per second), or why not. */
function parseEnd(kind: ValueKind, text: string): number | undefined {
  switch (kind) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
    case 'duration':
      return parseDurationUs(text);
    case 'size':
      return parseSizeBytes(text);
    case 'rate':
      return parseRatePerSecond(text);
  }
}

/** The values of a sweep: evenly spaced, rounded to whole units where the setting needs them, without repeats. */
export function sweepValues(kind: ValueKind, spec: VarySpec): VaryResult<number[]> {
  const from = parseEnd(kind, spec.from);
  const to = parseEnd(kind, spec.to);
  if (from === undefined || to === undefined)
    return {
      ok: false,
      message: `${spec.path} holds ${kind === 'integer' ? 'a whole number' : kind === 'number' ? 'a number' : `a ${kind}`}: write the range like ${EXAMPLES[kind]}, not ${spec.from}..${spec.to}`,
    };
  const whole = kind !== 'number' && kind !== 'rate';
  const values: number[] = [];
  for (let i = 0; i < spec.steps; i++) {
    const x = from + ((to - from) * i) / (spec.steps - 1);
    const v = whole ? Math.round(x) : x;
    if (!values.includes(v)) values.push(v);
  }
  return { ok: true, value: values };
}
