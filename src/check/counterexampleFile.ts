/**
 * Counterexample files: the schedule that broke a guarantee, in the topology file's format, so
 * that `brokerlab replay TOPOLOGY --schedule FILE` reruns it exactly. Parsing reuses the
 * topology loader's parser, schema errors and fault rules, with positions in this file.
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

export const COUNTEREXAMPLE_FORMAT = 'brokerlab.counterexample/1';

export interface CounterexampleFile {
  replicas: number[];
  durationUs: number;
  schedule: ScheduledFault[];
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
  };
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
  const doc = source.value as { replicas: number[]; duration: string; schedule: unknown[] };
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
  };
  raw.faults.schedule = doc.schedule;
  raw.simulation.duration = doc.duration;
  const { topology: withSchedule, issues } = normalizeTopology(raw);
  const scheduleIssues = [...issues, ...checkReferences(withSchedule)]
    .filter((i) => i.path[0] === 'faults' && i.path[1] === 'schedule')
    .map(toFilePath);
  const durationIssues = issues
    .filter((i) => i.path[0] === 'simulation')
    .map((i): PathIssue => ({ ...i, path: ['duration'] }));
  const all = [...durationIssues, ...scheduleIssues];
  if (all.length > 0) return locateIssues(source, all);
  return {
    ok: true,
    counterexample: {
      replicas: doc.replicas,
      durationUs: withSchedule.simulation.durationUs,
      schedule: withSchedule.faults.schedule,
    },
  };
}

function toFilePath(issue: PathIssue): PathIssue {
  const path: DocPath = ['schedule', ...issue.path.slice(2)];
  return { ...issue, path };
}
