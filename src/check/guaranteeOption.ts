/** `--guarantee name=value` on the command line: the topology file's names and units. */

import { quote } from '../text/quote.js';
import type { Guarantees } from '../topology/types.js';
import { parseDurationUs } from '../topology/units.js';

const COUNTS = [
  'lostAcknowledged',
  'duplicates',
  'strandedAtEnd',
  'sendFailures',
  'maxPersistentStores',
] as const;
const DURATIONS = {
  maxUnavailable: 'maxUnavailableUs',
  maxFailoverTime: 'maxFailoverTimeUs',
  p99Latency: 'p99LatencyUs',
} as const;

export const GUARANTEE_OPTION_NAMES: readonly string[] = [...COUNTS, ...Object.keys(DURATIONS)];

/** Adds one `name=value` to `into`; returns an error sentence instead when it is not one. */
export function parseGuaranteeOption(text: string, into: Guarantees): string | undefined {
  const m = /^([A-Za-z0-9]+)=(.+)$/.exec(text.trim());
  if (!m)
    return `--guarantee takes name=value, such as lostAcknowledged=0 or maxUnavailable=30s, not ${quote(text)}`;
  const [, name, value] = m as unknown as [string, string, string];
  if ((COUNTS as readonly string[]).includes(name)) {
    if (!/^\d+$/.test(value))
      return `--guarantee ${name} takes a whole number of ${name === 'maxPersistentStores' ? 'stores' : 'messages'}, not ${quote(value)}`;
    into[name as (typeof COUNTS)[number]] = Number(value);
    return undefined;
  }
  if (name in DURATIONS) {
    const us = parseDurationUs(value);
    if (us === undefined)
      return `--guarantee ${name} takes a duration such as 30s or 250ms, not ${quote(value)}`;
    into[DURATIONS[name as keyof typeof DURATIONS]] = us;
    return undefined;
  }
  return `unknown guarantee ${quote(name)}; known: ${GUARANTEE_OPTION_NAMES.join(', ')}`;
}

/** The command-line spelling of a guarantee, for replay commands. */
export function guaranteeOptions(g: Guarantees): string[] {
  const out: string[] = [];
  for (const name of COUNTS) if (g[name] !== undefined) out.push(`${name}=${g[name]}`);
  for (const [name, key] of Object.entries(DURATIONS)) {
    const us = g[key as keyof Guarantees];
    if (us !== undefined) out.push(`${name}=${us}us`);
  }
  return out;
}
