import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLOSED_LOOP,
  DEFAULT_CLUSTER,
  DEFAULT_CONSUMER,
  DEFAULT_COSTS,
  DEFAULT_EMBEDDED,
  DEFAULT_FAILOVER,
  DEFAULT_FAULT_SEARCH,
  DEFAULT_LOCK,
  DEFAULT_PROCESS_RESTART_US,
  DEFAULT_PRODUCER,
  DEFAULT_SIMULATION,
  DEFAULT_SLOWDOWN_FACTOR,
  DEFAULT_STORE,
} from '../../../src/model/defaults.js';
import { topologySchema, topologyValidator } from '../../../src/topology/schema.js';
import {
  parseDurationNs,
  parseDurationUs,
  parseRatePerSecond,
  parseSizeBytes,
} from '../../../src/topology/units.js';
import { embeddedDoc, topologyOf } from './docs.js';

type Schema = Record<string, unknown>;
const schema = topologySchema();

/** The schema node at a JSON pointer such as `#/$defs/costs/properties/vmHop`. */
function at(pointer: string): Schema {
  let node: unknown = schema;
  for (const part of pointer.replace(/^#\//, '').split('/')) node = (node as Schema)[part];
  if (node === undefined) throw new Error(`no schema node at ${pointer}`);
  return node as Schema;
}

/** Every node of the schema with its pointer. */
function* walk(node: unknown, pointer = '#'): Generator<[string, Schema]> {
  if (node === null || typeof node !== 'object') return;
  if (!Array.isArray(node)) yield [pointer, node as Schema];
  for (const [key, child] of Object.entries(node)) yield* walk(child, `${pointer}/${key}`);
}

describe('the schema document', () => {
  it('has $id, title and description, and is JSON Schema 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://brokerlab.dev/schemas/topology.schema.json');
    expect(schema.title).toBe('brokerlab topology');
    expect(String(schema.description).length).toBeGreaterThan(40);
  });

  it('compiles in ajv strict mode', () => {
    // strictRequired would reject `then: {required: [peer]}`, whose properties are declared by the
    // enclosing object, not by `then`: a known false alarm of that one option, so it alone is off.
    const strict = new Ajv2020({ strict: true, strictRequired: false });
    expect(() => strict.compile(schema)).not.toThrow();
    expect(() => topologyValidator()).not.toThrow();
  });

  it('fails to compile when strict mode meets an unknown keyword (the check has teeth)', () => {
    const strict = new Ajv2020({ strict: true });
    expect(() =>
      strict.compile({ type: 'object', properties: { a: { type: 'string', unit: 'ms' } } }),
    ).toThrow(/unknown keyword/);
  });

  it('gives every property a title and a description, on itself or on the definition it refers to', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [pointer, node] of walk(schema)) {
      const properties = node.properties as Record<string, Schema> | undefined;
      if (properties === undefined || typeof properties !== 'object') continue;
      if (pointer.endsWith('/if')) continue; // the condition of an if/then names fields, it declares none
      for (const [name, property] of Object.entries(properties)) {
        checked++;
        const target = typeof property.$ref === 'string' ? at(property.$ref) : {};
        for (const word of ['title', 'description']) {
          const text = property[word] ?? target[word];
          if (typeof text !== 'string' || text.trim() === '')
            missing.push(`${pointer}/properties/${name}: ${word}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});

type Parse = (text: unknown) => unknown;
const same: Parse = (value) => value;
const us: Parse = (text) => parseDurationUs(String(text));
const ns: Parse = (text) => parseDurationNs(String(text));
const bytes: Parse = (text) => parseSizeBytes(String(text));
const perSecond: Parse = (text) => parseRatePerSecond(String(text));
const timeout: Parse = (text) => (text === 'none' ? -1 : parseDurationUs(String(text)));

/** Schema defaults and the constants of src/model/defaults.ts they repeat. */
const MODEL_DEFAULTS: Record<string, [Parse, unknown]> = {
  '#/$defs/application/properties/restartTime': [us, DEFAULT_PROCESS_RESTART_US],
  '#/$defs/producer/properties/rate': [perSecond, DEFAULT_PRODUCER.ratePerSecond],
  '#/$defs/producer/properties/size': [bytes, DEFAULT_PRODUCER.sizeBytes],
  '#/$defs/producer/properties/persistent': [same, DEFAULT_PRODUCER.persistent],
  '#/$defs/producer/properties/alwaysSyncSend': [same, false],
  '#/$defs/producer/properties/messageType': [same, DEFAULT_PRODUCER.messageType],
  '#/$defs/producer/properties/arrival': [same, DEFAULT_PRODUCER.arrival],
  '#/$defs/producer/properties/mode': [
    (mode) => (mode === 'open-loop' ? null : mode),
    DEFAULT_PRODUCER.closedLoop,
  ],
  '#/$defs/producer/properties/inFlight': [same, DEFAULT_CLOSED_LOOP.inFlight],
  '#/$defs/consumer/properties/ackMode': [same, DEFAULT_CONSUMER.ackMode],
  '#/$defs/consumer/properties/ackEvery': [same, DEFAULT_CONSUMER.ackEvery],
  '#/$defs/consumer/properties/processingTime': [us, DEFAULT_CONSUMER.processingUs],
  '#/$defs/diskKind': [same, DEFAULT_STORE.disk],
  '#/$defs/syncStrategy': [same, DEFAULT_STORE.journalDiskSyncStrategy],
  '#/$defs/embedded/properties/store': [same, DEFAULT_STORE.kind],
  '#/$defs/embedded/properties/journalDiskSyncInterval': [us, DEFAULT_STORE.journalDiskSyncIntervalUs],
  '#/$defs/embedded/properties/ephemeralStorage': [same, DEFAULT_STORE.ephemeral],
  '#/$defs/embedded/properties/copyMessageOnSend': [same, DEFAULT_EMBEDDED.copyMessageOnSend],
  '#/$defs/embedded/properties/objectMessageSerializationDefered': [
    same,
    DEFAULT_EMBEDDED.objectMessageSerializationDefered,
  ],
  '#/$defs/embedded/properties/network': [same, DEFAULT_EMBEDDED.network],
  '#/$defs/embedded/properties/duplex': [same, DEFAULT_EMBEDDED.duplex],
  '#/$defs/embedded/properties/memoryLimit': [bytes, DEFAULT_EMBEDDED.memoryLimitBytes],
  '#/$defs/embedded/properties/sendFailIfNoSpace': [same, DEFAULT_EMBEDDED.sendFailIfNoSpace],
  '#/$defs/cluster/properties/store': [same, DEFAULT_STORE.kind],
  '#/$defs/cluster/properties/journalDiskSyncInterval': [us, DEFAULT_STORE.journalDiskSyncIntervalUs],
  '#/$defs/cluster/properties/ephemeralStorage': [same, DEFAULT_STORE.ephemeral],
  '#/$defs/cluster/properties/lockAcquireSleepInterval': [us, DEFAULT_LOCK.lockAcquireSleepIntervalUs],
  '#/$defs/cluster/properties/lockKeepAlivePeriod': [us, DEFAULT_LOCK.lockKeepAlivePeriodUs],
  '#/$defs/cluster/properties/lockRelease': [same, DEFAULT_LOCK.releaseOnCrash],
  '#/$defs/cluster/properties/lease': [us, DEFAULT_LOCK.leaseUs],
  '#/$defs/cluster/properties/duplex': [same, DEFAULT_CLUSTER.duplex],
  '#/$defs/cluster/properties/replayWhenNoConsumers': [same, DEFAULT_CLUSTER.replayWhenNoConsumers],
  '#/$defs/cluster/properties/decreaseNetworkConsumerPriority': [
    same,
    DEFAULT_CLUSTER.decreaseNetworkConsumerPriority,
  ],
  '#/$defs/embedded/properties/decreaseNetworkConsumerPriority': [
    same,
    DEFAULT_EMBEDDED.decreaseNetworkConsumerPriority,
  ],
  '#/$defs/cluster/properties/memoryLimit': [bytes, DEFAULT_CLUSTER.memoryLimitBytes],
  '#/$defs/cluster/properties/sendFailIfNoSpace': [same, DEFAULT_CLUSTER.sendFailIfNoSpace],
  '#/$defs/cluster/properties/restartTime': [us, DEFAULT_CLUSTER.restartUs],
  '#/$defs/failover/properties/initialReconnectDelay': [us, DEFAULT_FAILOVER.initialReconnectDelayUs],
  '#/$defs/failover/properties/maxReconnectDelay': [us, DEFAULT_FAILOVER.maxReconnectDelayUs],
  '#/$defs/failover/properties/backOffMultiplier': [same, DEFAULT_FAILOVER.backOffMultiplier],
  '#/$defs/failover/properties/useExponentialBackOff': [same, DEFAULT_FAILOVER.useExponentialBackOff],
  '#/$defs/failover/properties/maxReconnectAttempts': [same, DEFAULT_FAILOVER.maxReconnectAttempts],
  '#/$defs/failover/properties/timeout': [timeout, DEFAULT_FAILOVER.timeoutUs],
  '#/$defs/failover/properties/trackMessages': [same, DEFAULT_FAILOVER.trackMessages],
  '#/$defs/failover/properties/randomize': [same, DEFAULT_FAILOVER.randomize],
  '#/$defs/costs/properties/vmHop': [us, DEFAULT_COSTS.vmHopUs],
  '#/$defs/costs/properties/clonePerKiB': [ns, DEFAULT_COSTS.cloneNsPerKiB],
  '#/$defs/costs/properties/objectSerializationPerKiB': [ns, DEFAULT_COSTS.objectSerializationNsPerKiB],
  '#/$defs/costs/properties/marshalPerKiB': [ns, DEFAULT_COSTS.marshalNsPerKiB],
  '#/$defs/costs/properties/lanRoundTrip': [us, DEFAULT_COSTS.lanRoundTripUs],
  '#/$defs/costs/properties/tcpTransport': [us, DEFAULT_COSTS.tcpTransportUs],
  '#/$defs/costs/properties/tcpConnection': [us, DEFAULT_COSTS.tcpConnectionUs],
  '#/$defs/costs/properties/dispatchHandOff': [us, DEFAULT_COSTS.dispatchHandOffUs],
  '#/$defs/costs/properties/brokerCpu': [us, DEFAULT_COSTS.brokerCpuUs],
  '#/$defs/costs/properties/fsyncSsd': [us, DEFAULT_COSTS.fsyncSsdUs],
  '#/$defs/costs/properties/fsyncHdd': [us, DEFAULT_COSTS.fsyncHddUs],
  '#/$defs/costs/properties/fsyncNfs': [us, DEFAULT_COSTS.fsyncNfsUs],
  '#/$defs/costs/properties/journalWrite': [us, DEFAULT_COSTS.journalWriteUs],
  '#/$defs/costs/properties/storeRecord': [us, DEFAULT_COSTS.storeRecordUs],
  '#/$defs/costs/properties/storeRecovery': [us, DEFAULT_COSTS.storeRecoveryUs],
  '#/$defs/costs/properties/journalReplayPerRecord': [us, DEFAULT_COSTS.journalReplayUs],
  '#/$defs/costs/properties/reconnectAttempt': [us, DEFAULT_COSTS.reconnectAttemptUs],
  '#/$defs/costs/properties/killTeardown': [us, DEFAULT_COSTS.killTeardownUs],
  '#/$defs/costs/properties/osWriteback': [us, DEFAULT_COSTS.osWritebackUs],
  '#/$defs/costs/properties/bridgeReconnectInitial': [us, DEFAULT_COSTS.bridgeReconnectInitialUs],
  '#/$defs/costs/properties/bridgeReconnectMax': [us, DEFAULT_COSTS.bridgeReconnectMaxUs],
  '#/$defs/costs/properties/inactivityTimeout': [us, DEFAULT_COSTS.inactivityUs],
  '#/$defs/costs/properties/redeliveryDelay': [us, DEFAULT_COSTS.redeliveryDelayUs],
  '#/$defs/costs/properties/maximumRedeliveries': [same, DEFAULT_COSTS.maxRedeliveries],
  '#/$defs/scheduledFault/properties/factor': [same, DEFAULT_SLOWDOWN_FACTOR],
  '#/$defs/faults/properties/search/properties/kinds': [same, DEFAULT_FAULT_SEARCH.kinds],
  '#/$defs/faults/properties/search/properties/maxFaults': [same, DEFAULT_FAULT_SEARCH.maxFaults],
  '#/$defs/faults/properties/search/properties/windowFrom': [us, DEFAULT_FAULT_SEARCH.windowFromUs],
  '#/$defs/faults/properties/search/properties/restarts': [same, DEFAULT_FAULT_SEARCH.restarts],
  '#/$defs/simulation/properties/duration': [us, DEFAULT_SIMULATION.durationUs],
  '#/$defs/simulation/properties/warmup': [us, DEFAULT_SIMULATION.warmupUs],
  '#/$defs/simulation/properties/drain': [us, DEFAULT_SIMULATION.drainUs],
  '#/$defs/simulation/properties/seed': [same, DEFAULT_SIMULATION.seed],
};

/**
 * Schema defaults that src/model/defaults.ts has no constant for: the normalizer writes them
 * inline, so they are compared with what it makes of a document that leaves them out.
 */
const minimal = topologyOf(
  embeddedDoc({
    applications: [{ id: 'orders' }],
    faults: {
      schedule: [{ at: '1s', kind: 'process-crash', target: 'orders-0' }],
      random: [{ kind: 'process-crash', mtbf: '1h' }],
    },
  }),
);
const empty = topologyOf(embeddedDoc());
const NORMALIZER_DEFAULTS: Record<string, [Parse, unknown]> = {
  '#/properties/description': [same, minimal.description],
  '#/$defs/destination/properties/type': [same, minimal.destinations[0]?.type],
  '#/$defs/application/properties/replicas': [same, minimal.applications[0]?.replicas],
  '#/$defs/application/properties/host': [same, minimal.applications[0]?.host],
  '#/$defs/application/properties/connection': [same, minimal.applications[0]?.connection],
  '#/$defs/application/properties/startAt': [us, minimal.applications[0]?.startUs],
  '#/$defs/application/properties/producers': [same, minimal.applications[0]?.producers],
  '#/$defs/application/properties/consumers': [same, minimal.applications[0]?.consumers],
  '#/$defs/scheduledFault/properties/oneWay': [same, minimal.faults.schedule[0]?.oneWay],
  '#/$defs/randomFault/properties/mttr': [us, minimal.faults.random[0]?.mttrUs],
  '#/$defs/faults/properties/schedule': [same, empty.faults.schedule],
  '#/$defs/faults/properties/random': [same, empty.faults.random],
};

describe('schema defaults equal the code defaults', () => {
  const withDefault = [...walk(schema)].filter(([, node]) => 'default' in node).map(([pointer]) => pointer);

  it('every default in the schema is mapped to a code default here', () => {
    const mapped = [...Object.keys(MODEL_DEFAULTS), ...Object.keys(NORMALIZER_DEFAULTS)];
    expect([...withDefault].sort()).toEqual(mapped.sort());
  });

  it.each(Object.entries(MODEL_DEFAULTS))('%s equals src/model/defaults.ts', (pointer, [parse, expected]) => {
    expect(parse(at(pointer).default)).toEqual(expected);
  });

  it.each(Object.entries(NORMALIZER_DEFAULTS))(
    '%s equals what the normalizer fills in',
    (pointer, [parse, expected]) => {
      expect(expected).toBeDefined();
      expect(parse(at(pointer).default)).toEqual(expected);
    },
  );

  it('every default passes the schema itself', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(schema);
    const invalid = withDefault.filter((pointer) => {
      const node = at(pointer);
      return !ajv.validate({ $ref: `${String(schema.$id)}${pointer}` }, node.default);
    });
    expect(invalid).toEqual([]);
  });
});
