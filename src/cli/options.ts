/** Parsing of option values given on the command line, with usage errors a person understands. */

import { quote } from '../text/quote.js';
import { parseDurationUs } from '../topology/units.js';

export class UsageError extends Error {}

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff)
    throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not ${quote(text)}`);
  return Number(text);
}

export function parseDurationOption(name: string, text: string): number {
  const us = parseDurationUs(text);
  if (us === undefined || us <= 0)
    throw new UsageError(`${name} must be a positive duration such as 30s or 10m, not ${quote(text)}`);
  return us;
}

export function parsePositiveInt(name: string, text: string, max = 1_000_000): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max)
    throw new UsageError(
      `${name} must be a whole number from 1 to ${max.toLocaleString('en-US')}, not ${quote(text)}`,
    );
  return Number(text);
}
