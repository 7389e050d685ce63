/** Options shared by `check` and `replay`: what to search, for how long, against which guarantees. */
import type { SearchOverrides } from '../check/faultSpace.js';
import {
  fileGuarantees,
  type GuaranteesInForce,
  guaranteeOptions,
  withGuaranteeOptions,
} from '../check/guaranteeOption.js';
import { FAULT_KINDS, type FaultKind } from '../model/faultKinds.js';
import { quote } from '../text/quote.js';
import type { Guarantees, Topology } from '../topology/types.js';
import { formatDurationUs } from '../topology/units.js';
import type { CostsOption } from './io.js';
import { parseDurationOption, parsePositiveInt, UsageError } from './options.js';
export interface RawSearchOptions extends CostsOption {
  guarantee?: string[];
  maxFaults?: string;
  kinds?: string;
  window?: string;
  restarts?: boolean;
  duration?: string;
}

export interface SearchSettings {
  guarantees: Guarantees;
  /** The same guarantees, with where each came from. */
  inForce: GuaranteesInForce;
  search: SearchOverrides;
  durationUs?: number;
}

/**
 * The settings of a check or replay. The guarantees are `base` (the topology file's, or those a
 * counterexample file recorded) with `--guarantee` added or replacing.
 */
export function searchSettings(
  raw: RawSearchOptions,
  topology: Topology,
  base: GuaranteesInForce = fileGuarantees(topology.guarantees),
): SearchSettings {
  const inForce = withGuaranteeOptions(base, raw.guarantee ?? []);
  if (typeof inForce === 'string') throw new UsageError(inForce);
  const guarantees = inForce.guarantees;
  if (Object.keys(guarantees).length === 0) {
    throw new UsageError(
      `${topology.name} declares no guarantees: add a guarantees block or pass --guarantee, e.g. --guarantee lostAcknowledged=0`,
    );
  }
  const search: SearchOverrides = {};
  if (raw.maxFaults !== undefined) search.maxFaults = parsePositiveInt('--max-faults', raw.maxFaults, 100);
  if (raw.kinds !== undefined) search.kinds = parseKinds(raw.kinds);
  if (raw.window !== undefined) Object.assign(search, parseWindow(raw.window));
  if (raw.restarts === false) search.restarts = false;
  const durationUs = raw.duration === undefined ? undefined : parseDurationOption('--duration', raw.duration);
  return { guarantees, inForce, search, ...(durationUs !== undefined ? { durationUs } : {}) };
}

function parseKinds(text: string): FaultKind[] {
  const kinds = text.split(',').map((k) => k.trim());
  for (const k of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(k))
      throw new UsageError(`--kinds: unknown fault kind ${quote(k)}; known: ${FAULT_KINDS.join(', ')}`);
  }
  return kinds as FaultKind[];
}

function parseWindow(text: string): { windowFromUs: number; windowToUs: number } {
  const m = /^(.+)\.\.(.+)$/.exec(text);
  if (!m) throw new UsageError(`--window takes FROM..TO, such as 10s..50s, not ${quote(text)}`);
  const from = m[1] === '0' ? 0 : parseDurationOption('--window start', m[1]!);
  const to = parseDurationOption('--window end', m[2]!);
  if (to <= from) throw new UsageError(`--window ends (${quote(m[2]!)}) before it starts (${quote(m[1]!)})`);
  return { windowFromUs: from, windowToUs: to };
}

/** The flags that rebuild the same search, for the replay command line. */
export function searchFlags(settings: SearchSettings, topology: Topology): string[] {
  const flags: string[] = [];
  const s = settings.search;
  if (settings.durationUs !== undefined) flags.push('--duration', formatDurationUs(settings.durationUs));
  if (s.maxFaults !== undefined) flags.push('--max-faults', String(s.maxFaults));
  if (s.kinds !== undefined) flags.push('--kinds', s.kinds.join(','));
  if (s.windowFromUs !== undefined && s.windowToUs !== undefined)
    flags.push('--window', `${formatDurationUs(s.windowFromUs)}..${formatDurationUs(s.windowToUs)}`);
  if (s.restarts === false) flags.push('--no-restarts');
  const fromFile = new Set(guaranteeOptions(topology.guarantees));
  for (const g of guaranteeOptions(settings.guarantees)) if (!fromFile.has(g)) flags.push('--guarantee', g);
  return flags;
}

/** A shell word: quoted when it has anything a shell would interpret. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
