/**
 * Properties of the topology loader over generated valid documents: they load (as YAML and as
 * JSON), they survive parse -> serialize -> parse unchanged, and one targeted corruption makes
 * them fail with an error that points at the right place in the file.
 *
 * The suite title carries the seed; replay a failure with FC_SEED=<seed> (fast-check also prints
 * the seed and path of the counterexample).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type FaultKind, faultKindSpec } from '../../src/model/faultKinds.js';
import { formatLoadError, type LoadError } from '../../src/topology/issues.js';
import { loadTopologyText } from '../../src/topology/load.js';
import { serializeTopology } from '../../src/topology/serialize.js';
import type { Topology } from '../../src/topology/types.js';
import { type TopologyDocument, topologyDocument } from '../support/arbitraries.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const settings = { seed, numRuns: 150 };

/** The two spellings of one document that the loader must both accept. */
const FORMATS = [
  { file: 'topology.yaml', write: (doc: unknown) => stringify(doc) },
  { file: 'topology.json', write: (doc: unknown) => JSON.stringify(doc, null, 2) },
] as const;

function loadOrExplain(text: string, file: string): Topology {
  const result = loadTopologyText(text, file);
  if (!result.ok) {
    const errors = result.errors.map(formatLoadError).join('\n');
    throw new Error(`${file} did not load:\n${errors}\n--- ${file} ---\n${text}`);
  }
  return result.topology;
}

describe(`topology documents (seed ${seed}, replay with FC_SEED=${seed})`, () => {
  it('every generated document loads, from YAML and from JSON, to the same topology', () => {
    fc.assert(
      fc.property(topologyDocument(), (doc) => {
        const [fromYaml, fromJson] = FORMATS.map(({ file, write }) => loadOrExplain(write(doc), file));
        expect(fromJson).toStrictEqual(fromYaml);
        const t = fromYaml!;
        expect(t.name).toBe(doc.name);
        expect(t.layout).toBe(doc.layout);
        expect(t.destinations.map((d) => d.name)).toEqual(
          (doc.destinations as { name: string }[]).map((d) => d.name),
        );
        expect(t.applications.map((a) => [a.id, a.replicas])).toEqual(
          (doc.applications as { id: string; replicas?: number }[]).map((a) => [a.id, a.replicas ?? 1]),
        );
        expect(t.cluster?.brokers ?? null).toBe(
          (doc.cluster as { brokers: number } | undefined)?.brokers ?? null,
        );
        expect(t.embedded === null).toBe(doc.layout === 'central');
      }),
      settings,
    );
  });

  for (const { file, write } of FORMATS) {
    it(`parse -> serialize -> parse gives back the same topology (${file})`, () => {
      fc.assert(
        fc.property(topologyDocument(), (doc) => {
          const first = loadOrExplain(write(doc), file);
          const second = loadOrExplain(write(serializeTopology(first)), file);
          expect(second).toStrictEqual(first);
        }),
        settings,
      );
    });
  }

  for (const { file, write } of FORMATS) {
    it(`one corruption fails the load at a line and column inside the file (${file})`, () => {
      fc.assert(
        fc.property(corruptedDocument, ({ doc, corruption }) => {
          const text = write(doc);
          const result = loadTopologyText(text, file);
          const lines = linesOf(text);
          const explain = `${describeCorruption(corruption)}\n--- ${file} ---\n${text}`;
          if (result.ok) throw new Error(`loaded despite ${explain}`);
          for (const e of result.errors) {
            expect(e.file).toBe(file);
            expect(e.line, explain).toBeGreaterThanOrEqual(1);
            expect(e.line, explain).toBeLessThanOrEqual(lines.length);
            expect(e.column, explain).toBeGreaterThanOrEqual(1);
            expect(e.column, explain).toBeLessThanOrEqual(Array.from(lines[e.line - 1]!).length + 1);
          }
          expect(
            result.errors.some((e) => pointsAt(e, corruption, lines)),
            `${explain}\n${show(result.errors)}`,
          ).toBe(true);
        }),
        settings,
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Corruptions: one change that makes a valid document invalid, and where its error must point

type Path = (string | number)[];

type Corruption =
  | { kind: 'unknown-key'; at: Path; key: string }
  | { kind: 'missing-key'; at: Path; key: string }
  | { kind: 'broken-unit'; at: Path; key: string; value: string };

/** Keys that are not a field of any object in the schema. */
const UNKNOWN_KEYS = ['replica', 'bogus', 'Layout', 'timeOut', 'x-extra'];
/** Strings that no unit pattern (duration, size, rate) accepts. */
const BROKEN_UNITS = ['12 parsecs', 'fast', '1,5s', '-3ms', '10', '1e3s', 'KiB', '5 per second'];

/** Fields whose values are unit strings (the `none`/`never` words of timeout and restartAfter excepted). */
const UNIT_KEYS = new Set([
  'restartTime',
  'rate',
  'size',
  'processingTime',
  'journalDiskSyncInterval',
  'memoryLimit',
  'lockAcquireSleepInterval',
  'lockKeepAlivePeriod',
  'lease',
  'initialReconnectDelay',
  'maxReconnectDelay',
  'timeout',
  'vmHop',
  'clonePerKiB',
  'objectSerializationPerKiB',
  'marshalPerKiB',
  'lanRoundTrip',
  'tcpTransport',
  'tcpConnection',
  'dispatchHandOff',
  'brokerCpu',
  'fsyncSsd',
  'fsyncHdd',
  'fsyncNfs',
  'storeRecovery',
  'journalReplayPerRecord',
  'reconnectAttempt',
  'killTeardown',
  'osWriteback',
  'bridgeReconnectInitial',
  'bridgeReconnectMax',
  'inactivityTimeout',
  'redeliveryDelay',
  'at',
  'duration',
  'restartAfter',
  'mtbf',
  'mttr',
  'windowFrom',
  'windowTo',
  'warmup',
  'drain',
  'maxUnavailable',
  'maxFailoverTime',
  'p99Latency',
]);

/** Required keys of each kind of object, by its path with list indexes replaced by `[]` (the schema's `required`). */
const REQUIRED: Record<string, string[]> = {
  '': ['name', 'layout', 'destinations', 'applications'],
  'destinations[]': ['name'],
  'applications[]': ['id'],
  'applications[].producers[]': ['destination'],
  'applications[].consumers[]': ['destination'],
  cluster: ['brokers', 'ha'],
  'faults.schedule[]': ['at', 'kind', 'target'],
  'faults.random[]': ['kind', 'mtbf'],
};

function shapeOf(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? '[]' : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

function requiredKeys(path: Path, object: Record<string, unknown>): string[] {
  const keys = REQUIRED[shapeOf(path)] ?? [];
  // The schema's if/then: a kind with a peer needs it, a timed kind its duration (the fault-kind table).
  if (shapeOf(path) !== 'faults.schedule[]') return keys;
  const spec = faultKindSpec(object.kind as FaultKind);
  return [...keys, ...(spec.peer ? ['peer'] : []), ...(spec.timed ? ['duration'] : [])];
}

/** Every corruption this document offers, `unknownKey` and `brokenUnit` standing for the text used. */
function corruptionsOf(doc: TopologyDocument, unknownKey: string, brokenUnit: string): Corruption[] {
  const out: Corruption[] = [];
  const walk = (node: unknown, path: Path) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, [...path, i]);
      });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    // Every object of the schema has additionalProperties: false.
    out.push({ kind: 'unknown-key', at: path, key: unknownKey });
    for (const key of requiredKeys(path, object)) {
      if (key in object) out.push({ kind: 'missing-key', at: path, key });
    }
    for (const [key, value] of Object.entries(object)) {
      if (UNIT_KEYS.has(key) && typeof value === 'string' && value !== 'none' && value !== 'never') {
        out.push({ kind: 'broken-unit', at: path, key, value: brokenUnit });
      }
      walk(value, [...path, key]);
    }
  };
  walk(doc, []);
  return out;
}

function applyCorruption(doc: TopologyDocument, c: Corruption): TopologyDocument {
  const copy = structuredClone(doc);
  let node: unknown = copy;
  for (const part of c.at) node = (node as Record<string | number, unknown>)[part];
  const object = node as Record<string, unknown>;
  if (c.kind === 'unknown-key') object[c.key] = 1;
  else if (c.kind === 'missing-key') delete object[c.key];
  else object[c.key] = c.value;
  return copy;
}

const corruptedDocument = fc
  .record({
    doc: topologyDocument(),
    unknownKey: fc.constantFrom(...UNKNOWN_KEYS),
    brokenUnit: fc.constantFrom(...BROKEN_UNITS),
  })
  .chain(({ doc, unknownKey, brokenUnit }) =>
    fc
      .constantFrom(...corruptionsOf(doc, unknownKey, brokenUnit))
      .map((corruption) => ({ doc: applyCorruption(doc, corruption), corruption })),
  );

/** Whether an error is about this corruption and sits where it is in the text. */
function pointsAt(e: LoadError, c: Corruption, lines: string[]): boolean {
  const line = lines[e.line - 1] ?? '';
  switch (c.kind) {
    case 'unknown-key':
      return e.message.includes(`unknown key \`${c.key}\``) && line.includes(c.key);
    case 'missing-key':
      return e.message.includes(`the required key \`${c.key}\``);
    case 'broken-unit':
      return e.message.includes(`\`${c.value}\``) && line.includes(c.value);
  }
}

function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  return text.endsWith('\n') ? lines.slice(0, -1) : lines;
}

function describeCorruption(c: Corruption): string {
  const where = c.at.length === 0 ? 'the document' : c.at.join('.');
  if (c.kind === 'unknown-key') return `unknown key \`${c.key}\` added to ${where}`;
  if (c.kind === 'missing-key') return `required key \`${c.key}\` removed from ${where}`;
  return `${where}.${c.key} set to \`${c.value}\``;
}

function show(errors: LoadError[]): string {
  return errors.map(formatLoadError).join('\n');
}
