/**
 * Counterexample files: the schedule that broke a guarantee and the guarantees it was judged
 * against, in the topology file's format, so that `brokerlab replay TOPOLOGY --schedule FILE`
 * reruns it exactly and fails the same way. Parsing reuses the topology loader's parser, schema
 * errors and fault rules, with positions in this file. Files of format /1 record no guarantees.
 */
import type { DocPath, LoadError, PathIssue } from '../topology/issues.js';
import { locateIssues } from '../topology/load.js';
import { normalizeTopology } from '../topology/normalize.js';
import { checkReferences } from '../topology/references.js';
import { counterexampleValidator } from '../topology/schema.js';
import { serializeFault, serializeTopology } from '../topology/serialize.js';
import { parseSource } from '../topology/source.js';
import type { ScheduledFault, Topology } from '../topology/types.js';
import { formatDurationUs } from '../topology/units.js';
import { validateAgainstSchema } from '../topology/validate.js';
import { scaledTopology } from './candidate.js';
import { type GuaranteeSource, type GuaranteesInForce, guaranteeBlock } from './guaranteeOption.js';
import type { GuaranteeName } from './guarantees.js';
import type { Trial } from './search.js';

export const COUNTEREXAMPLE_FORMAT = 'brokerlab.counterexample/2';

export interface CounterexampleFile {
  replicas: number[];
  durationUs: number;
  schedule: ScheduledFault[];
  /** The guarantees it broke and was judged against; null in a file of format /1. */
  guarantees: GuaranteesInForce | null;
}

/** The counterexample a failed check found, with the guarantees it was judged against. */
export function foundCounterexample(
  trial: Pick<Trial, 'replicas' | 'schedule'>,
  durationUs: number,
  guarantees: GuaranteesInForce,
): CounterexampleFile {
  return { replicas: trial.replicas, durationUs, schedule: trial.schedule, guarantees };
}

export function counterexampleDocument(
  name: string,
  found: CounterexampleFile,
  search?: { seed: number; path: string },
) {
  return {
    format: COUNTEREXAMPLE_FORMAT,
    topology: name,
    ...(search ? { seed: search.seed, path: search.path } : {}),
    replicas: found.replicas,
    duration: formatDurationUs(found.durationUs),
    schedule: found.schedule.map(serializeFault),
    ...(found.guarantees ? guaranteesDocument(found.guarantees) : {}),
  };
}

function guaranteesDocument(inForce: GuaranteesInForce) {
  const guarantees = guaranteeBlock(inForce.guarantees);
  const names = Object.keys(guarantees) as GuaranteeName[];
  return { guarantees, guaranteesFrom: Object.fromEntries(names.map((n) => [n, inForce.from[n] ?? 'file'])) };
}

export type CounterexampleParse =
  | { ok: true; counterexample: CounterexampleFile }
  | { ok: false; errors: LoadError[] };

export function parseCounterexample(text: string, file: string, topology: Topology): CounterexampleParse {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  const schemaIssues = validateAgainstSchema(source.value, counterexampleValidator());
  if (schemaIssues.length > 0) return locateIssues(source, schemaIssues);
  const doc = source.value as {
    replicas: number[];
    duration: string;
    schedule: unknown[];
    guarantees?: object;
    guaranteesFrom?: Partial<Record<GuaranteeName, GuaranteeSource>>;
  };
  if (doc.replicas.length !== topology.applications.length) {
    return locateIssues(source, [
      {
        path: ['replicas'],
        message: `replicas lists ${doc.replicas.length} applications, but ${topology.name} has ${topology.applications.length}`,
        hint: 'replay it with the topology it was found for',
      },
    ]);
  }
  // The schedule is checked as part of the scaled topology, with paths mapped back to this file.
  const scaled = scaledTopology(topology, doc.replicas);
  const raw = serializeTopology(scaled) as {
    faults: { schedule: unknown[] };
    simulation: { duration: string };
    guarantees: object;
  };
  raw.faults.schedule = doc.schedule;
  raw.simulation.duration = doc.duration;
  raw.guarantees = doc.guarantees ?? {};
  const { topology: withSchedule, issues } = normalizeTopology(raw);
  const scheduleIssues = [...issues, ...checkReferences(withSchedule)]
    .filter((i) => i.path[0] === 'faults' && i.path[1] === 'schedule')
    .map(toFilePath);
  const durationIssues = issues
    .filter((i) => i.path[0] === 'simulation')
    .map((i): PathIssue => ({ ...i, path: ['duration'] }));
  const guaranteeIssues = issues.filter((i) => i.path[0] === 'guarantees');
  const all = [...durationIssues, ...scheduleIssues, ...guaranteeIssues];
  if (all.length > 0) return locateIssues(source, all);
  return {
    ok: true,
    counterexample: {
      replicas: doc.replicas,
      durationUs: withSchedule.simulation.durationUs,
      schedule: withSchedule.faults.schedule,
      guarantees: doc.guarantees
        ? { guarantees: withSchedule.guarantees, from: doc.guaranteesFrom ?? {} }
        : null,
    },
  };
}

function toFilePath(issue: PathIssue): PathIssue {
  const path: DocPath = ['schedule', ...issue.path.slice(2)];
  return { ...issue, path };
}
