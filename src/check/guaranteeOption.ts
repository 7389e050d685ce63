/**
 * Guarantees as users spell them, on the command line (`--guarantee name=value`) and in
 * counterexample files: the topology file's names and units (`maxUnavailable=5s`).
 */
import { quote } from '../text/quote.js';
import type { Guarantees } from '../topology/types.js';
import { formatDurationUs, parseDurationUs } from '../topology/units.js';
import { GUARANTEES, type GuaranteeDefinition, type GuaranteeName } from './guarantees.js';

export const GUARANTEE_OPTION_NAMES: readonly GuaranteeName[] = GUARANTEES.map((g) => g.name);

/** Adds one `name=value` to `into`; returns an error sentence instead when it is not one. */
export function parseGuaranteeOption(text: string, into: Guarantees): string | undefined {
  const m = /^([A-Za-z0-9]+)=(.+)$/.exec(text.trim());
  if (!m)
    return `--guarantee takes name=value, such as lostAcknowledged=0 or maxUnavailable=30s, not ${quote(text)}`;
  const [, name, value] = m as unknown as [string, string, string];
  const g = guaranteeNamed(name);
  if (!g) return `unknown guarantee ${quote(name)}; known: ${GUARANTEE_OPTION_NAMES.join(', ')}`;
  if (g.unit === 'us') {
    const us = parseDurationUs(value);
    if (us === undefined)
      return `--guarantee ${name} takes a duration such as 30s or 250ms, not ${quote(value)}`;
    into[g.key] = us;
    return undefined;
  }
  if (!/^\d+$/.test(value))
    return `--guarantee ${name} takes a whole number of ${g.unit}, not ${quote(value)}`;
  into[g.key] = Number(value);
  return undefined;
}

export function guaranteeNamed(name: string): GuaranteeDefinition | undefined {
  return GUARANTEES.find((g) => g.name === name);
}

/** A limit in the topology file's units: a count, or an exact duration such as `5s`. */
export function guaranteeValue(g: Pick<GuaranteeDefinition, 'unit'>, value: number): number | string {
  return g.unit === 'us' ? formatDurationUs(value) : value;
}

/** The guarantees as the topology file's `guarantees` block, in the order of GUARANTEES. */
export function guaranteeBlock(guarantees: Guarantees): Partial<Record<GuaranteeName, number | string>> {
  const block: Partial<Record<GuaranteeName, number | string>> = {};
  for (const g of GUARANTEES) {
    const value = guarantees[g.key];
    if (value !== undefined) block[g.name] = guaranteeValue(g, value);
  }
  return block;
}

/** The command-line spelling of each guarantee (`maxUnavailable=5s`), for replay commands. */
export function guaranteeOptions(guarantees: Guarantees): string[] {
  return Object.entries(guaranteeBlock(guarantees)).map(([name, value]) => `${name}=${value}`);
}

/** Where a guarantee in force came from: the topology file or `--guarantee` on the command line. */
export type GuaranteeSource = 'file' | '--guarantee';

/** The guarantees a check or replay judges, and where each came from. */
export interface GuaranteesInForce {
  guarantees: Guarantees;
  from: Partial<Record<GuaranteeName, GuaranteeSource>>;
}

/** A topology file's own guarantees. */
export function fileGuarantees(guarantees: Guarantees): GuaranteesInForce {
  const from: GuaranteesInForce['from'] = {};
  for (const g of GUARANTEES) if (guarantees[g.key] !== undefined) from[g.name] = 'file';
  return { guarantees: { ...guarantees }, from };
}

/** `base` with each `--guarantee name=value` added or replacing; an error sentence for a bad one. */
export function withGuaranteeOptions(
  base: GuaranteesInForce,
  options: readonly string[],
): GuaranteesInForce | string {
  const guarantees = { ...base.guarantees };
  const from = { ...base.from };
  for (const option of options) {
    const error = parseGuaranteeOption(option, guarantees);
    if (error) return error;
    from[option.trim().split('=')[0] as GuaranteeName] = '--guarantee';
  }
  return { guarantees, from };
}
