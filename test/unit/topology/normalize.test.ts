import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLUSTER,
  DEFAULT_CONSUMER,
  DEFAULT_COSTS,
  DEFAULT_EMBEDDED,
  DEFAULT_FAILOVER,
  DEFAULT_FAULT_SEARCH,
  DEFAULT_LOCK,
  DEFAULT_PREFETCH,
  DEFAULT_PROCESS_RESTART_US,
  DEFAULT_PRODUCER,
  DEFAULT_SIMULATION,
  DEFAULT_SLOWDOWN_FACTOR,
  DEFAULT_STORE,
} from '../../../src/model/defaults.js';
import { centralDoc, type Doc, embeddedDoc, normalized, topologyOf } from './docs.js';

/** One application with the given fields added to `orders`. */
function withOrders(fields: Doc, extra: Doc = {}): Doc {
  return embeddedDoc({ applications: [{ id: 'orders', ...fields }], ...extra });
}

/** The single issue a document normalizes to. */
function onlyIssue(doc: Doc) {
  const { issues } = normalized(doc);
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('defaults (src/model/defaults.ts) fill every absent field', () => {
  const t = topologyOf(
    embeddedDoc({
      destinations: [{ name: 'orders' }, { name: 'prices', type: 'topic' }],
      applications: [
        {
          id: 'orders',
          producers: [{ destination: 'orders' }],
          consumers: [{ destination: 'orders' }, { destination: 'prices' }],
        },
      ],
    }),
  );

  it('on the document', () => {
    expect(t.description).toBe('');
    expect(t.destinations).toEqual([
      { name: 'orders', type: 'queue' },
      { name: 'prices', type: 'topic' },
    ]);
    expect(t.failover).toEqual(DEFAULT_FAILOVER);
    expect(t.costs).toEqual(DEFAULT_COSTS);
    expect(t.simulation).toEqual(DEFAULT_SIMULATION);
    expect(t.guarantees).toEqual({});
    expect(t.cluster).toBeNull();
  });

  it('on applications, producers and consumers', () => {
    const app = t.applications[0]!;
    expect(app).toMatchObject({ replicas: 1, host: 'jvm', restartUs: DEFAULT_PROCESS_RESTART_US });
    expect(app.producers).toEqual([{ destination: 'orders', ...DEFAULT_PRODUCER }]);
    expect(app.consumers).toEqual([
      { destination: 'orders', ...DEFAULT_CONSUMER, prefetch: DEFAULT_PREFETCH.queue },
      { destination: 'prices', ...DEFAULT_CONSUMER, prefetch: DEFAULT_PREFETCH.topic },
    ]);
  });

  it('on the embedded broker, even when the layout implies it without a block', () => {
    expect(t.embedded).toEqual({ store: DEFAULT_STORE, ...DEFAULT_EMBEDDED });
  });

  it('on faults: an empty schedule and a search window over the whole run', () => {
    expect(t.faults).toEqual({
      schedule: [],
      random: [],
      search: { ...DEFAULT_FAULT_SEARCH, windowToUs: DEFAULT_SIMULATION.durationUs },
    });
  });

  it('on the cluster, and no embedded broker in layout central', () => {
    const central = topologyOf(centralDoc());
    expect(central.embedded).toBeNull();
    expect(central.cluster).toEqual({
      brokers: 2,
      ha: 'shared-store',
      store: DEFAULT_STORE,
      lock: DEFAULT_LOCK,
      ...DEFAULT_CLUSTER,
    });
  });

  it('on scheduled and random faults', () => {
    const faults = topologyOf(
      withOrders(
        { replicas: 2 },
        {
          faults: {
            schedule: [{ at: '10s', kind: 'slow-disk', target: 'orders-1', duration: '5s' }],
            random: [{ kind: 'process-crash', mtbf: '1h' }],
          },
        },
      ),
    ).faults;
    expect(faults.schedule).toEqual([
      {
        atUs: 10_000_000,
        kind: 'slow-disk',
        target: 'orders-1',
        peer: null,
        oneWay: false,
        durationUs: 5_000_000,
        restartAfterUs: null,
        slowdownFactor: DEFAULT_SLOWDOWN_FACTOR,
      },
    ]);
    expect(faults.random).toEqual([
      { kind: 'process-crash', mtbfUs: 3_600_000_000, mttrUs: 30_000_000, targets: [] },
    ]);
  });
});

describe('ha jdbc', () => {
  it('defaults the cluster store to jdbc', () => {
    const t = topologyOf(centralDoc({ cluster: { brokers: 2, ha: 'jdbc' } }));
    expect(t.cluster?.store.kind).toBe('jdbc');
  });

  it('keeps kahadb as the store default for the other modes', () => {
    const t = topologyOf(centralDoc({ cluster: { brokers: 3, ha: 'network-of-brokers' } }));
    expect(t.cluster?.store.kind).toBe('kahadb');
  });
});

describe('units become integers', () => {
  it('in producers and consumers', () => {
    const app = topologyOf(
      withOrders({
        restartTime: '2m',
        producers: [{ destination: 'orders', rate: '30/m', size: '64MiB' }],
        consumers: [{ destination: 'orders', processingTime: '2.5ms', prefetch: 10 }],
      }),
    ).applications[0]!;
    expect(app.restartUs).toBe(120_000_000);
    expect(app.producers[0]).toMatchObject({ ratePerSecond: 0.5, sizeBytes: 64 * 1024 ** 2 });
    expect(app.consumers[0]).toMatchObject({ processingUs: 2_500, prefetch: 10 });
  });

  it('in costs, where per-KiB costs are nanoseconds', () => {
    const costs = topologyOf(embeddedDoc({ costs: { clonePerKiB: '0.25us', fsyncSsd: '1.2ms' } })).costs;
    expect(costs).toEqual({ ...DEFAULT_COSTS, cloneNsPerKiB: 250, fsyncSsdUs: 1_200 });
  });

  it('in failover, where `none` is -1', () => {
    const central = (failover: Doc) => topologyOf(centralDoc({ failover })).failover;
    expect(central({ timeout: 'none' }).timeoutUs).toBe(-1);
    expect(central({ timeout: '5s', maxReconnectDelay: '1m' })).toMatchObject({
      timeoutUs: 5_000_000,
      maxReconnectDelayUs: 60_000_000,
    });
  });

  it('in faults, where restartAfter `never` is -1', () => {
    const schedule = topologyOf(
      withOrders(
        { replicas: 2 },
        {
          faults: {
            schedule: [{ at: '1s', kind: 'process-crash', target: 'orders-0', restartAfter: 'never' }],
          },
        },
      ),
    ).faults.schedule;
    expect(schedule[0]?.restartAfterUs).toBe(-1);
  });

  it('in guarantees, which keep only what the file declares', () => {
    const guarantees = topologyOf(
      embeddedDoc({ guarantees: { lostAcknowledged: 0, p99Latency: '50ms' } }),
    ).guarantees;
    expect(guarantees).toEqual({ lostAcknowledged: 0, p99LatencyUs: 50_000 });
  });
});

describe('limits the schema cannot express', () => {
  it('a duration over a year', () => {
    expect(onlyIssue(embeddedDoc({ simulation: { duration: '400d' } }))).toEqual({
      path: ['simulation', 'duration'],
      message: 'simulation.duration is `400d`, more than a year',
      hint: 'simulated times and delays are bounded by one year (365d)',
    });
  });

  it('accepts exactly a year', () => {
    expect(topologyOf(embeddedDoc({ simulation: { duration: '365d' } })).simulation.durationUs).toBe(
      365 * 86_400_000_000,
    );
  });

  it('a duration finer than a microsecond', () => {
    const issue = onlyIssue(withOrders({ consumers: [{ destination: 'orders', processingTime: '0.5us' }] }));
    expect(issue.path).toEqual(['applications', 0, 'consumers', 0, 'processingTime']);
    expect(issue.message).toBe(
      'applications[0].consumers[0].processingTime is `0.5us`, finer than a microsecond',
    );
  });

  it('a per-KiB cost over a second', () => {
    const issue = onlyIssue(embeddedDoc({ costs: { marshalPerKiB: '2s' } }));
    expect(issue.path).toEqual(['costs', 'marshalPerKiB']);
    expect(issue.message).toMatch(/at most 1s$/);
  });

  it('a message over 100MiB and a memory limit over 1TiB', () => {
    expect(onlyIssue(withOrders({ producers: [{ destination: 'orders', size: '1TiB' }] })).message).toBe(
      'applications[0].producers[0].size is `1TiB`, more than the limit of 100MiB',
    );
    expect(onlyIssue(embeddedDoc({ embedded: { memoryLimit: '2TiB' } })).message).toBe(
      'embedded.memoryLimit is `2TiB`, more than the limit of 1TiB',
    );
  });

  it('a size that is a fraction of a byte', () => {
    expect(onlyIssue(withOrders({ producers: [{ destination: 'orders', size: '0.5B' }] })).message).toBe(
      'applications[0].producers[0].size is `0.5B`, not a whole number of bytes',
    );
  });

  it('a rate over a million per second, and a zero rate', () => {
    expect(onlyIssue(withOrders({ producers: [{ destination: 'orders', rate: '2000000/s' }] })).message).toBe(
      'applications[0].producers[0].rate is `2000000/s`, more than 1,000,000/s per producer',
    );
    expect(onlyIssue(withOrders({ producers: [{ destination: 'orders', rate: '0/s' }] })).message).toBe(
      'applications[0].producers[0].rate is zero',
    );
  });

  it('a zero simulation, and a warm-up as long as the run', () => {
    expect(onlyIssue(embeddedDoc({ simulation: { duration: '0s' } })).path).toEqual([
      'simulation',
      'duration',
    ]);
    expect(onlyIssue(embeddedDoc({ simulation: { duration: '10s', warmup: '10s' } }))).toMatchObject({
      path: ['simulation', 'warmup'],
      message: 'simulation.warmup is as long as the whole run',
    });
  });

  it('a fault search window that ends before it starts', () => {
    const issue = onlyIssue(embeddedDoc({ faults: { search: { windowFrom: '30s', windowTo: '10s' } } }));
    expect(issue.path).toEqual(['faults', 'search', 'windowTo']);
    expect(issue.message).toBe('the fault search window ends (10s) before it starts (30s)');
  });

  it('a zero mean time between failures', () => {
    const issue = onlyIssue(embeddedDoc({ faults: { random: [{ kind: 'process-crash', mtbf: '0s' }] } }));
    expect(issue).toMatchObject({
      path: ['faults', 'random', 0, 'mtbf'],
      message: expect.stringMatching(/^faults\.random\[0\]\.mtbf is `0s`, shorter than its floor of 1ms: /),
    });
  });
});

describe('lifecycle intervals have a floor (issue 12: a 1us lock poll is a million events a second)', () => {
  const central = (cluster: Doc) => centralDoc({ cluster: { brokers: 2, ha: 'shared-store', ...cluster } });

  it('rejects lockAcquireSleepInterval: 1us, saying why and what to write', () => {
    const issue = onlyIssue(central({ lockAcquireSleepInterval: '1us' }));
    expect(issue).toEqual({
      path: ['cluster', 'lockAcquireSleepInterval'],
      message:
        'cluster.lockAcquireSleepInterval is `1us`, shorter than its floor of 1ms: ActiveMQ sets lockAcquireSleepInterval in milliseconds (W:pluggable-storage-lockers); its default is 10s',
      hint: 'write 1ms or more',
    });
  });

  it('accepts every interval at its floor, and keep-alive 0 (off)', () => {
    expect(
      normalized(
        embeddedDoc({
          embedded: { journalDiskSyncInterval: '1ms' },
          failover: { initialReconnectDelay: '1ms', maxReconnectDelay: '1ms' },
          costs: {
            storeRecovery: '1ms',
            osWriteback: '1ms',
            bridgeReconnectInitial: '1ms',
            bridgeReconnectMax: '1ms',
            inactivityTimeout: '1ms',
            redeliveryDelay: '1ms',
          },
          faults: { random: [{ kind: 'process-crash', mtbf: '1ms', mttr: '0s' }] },
        }),
      ).issues,
    ).toEqual([]);
    expect(
      normalized(central({ lockAcquireSleepInterval: '1ms', lockKeepAlivePeriod: '0s' })).issues,
    ).toEqual([]);
  });

  it('rejects each of them below the floor', () => {
    const below = (doc: Doc) => normalized(doc).issues.map((i) => i.path.join('.'));
    expect(
      below(
        embeddedDoc({
          embedded: { journalDiskSyncInterval: '999us' },
          failover: { initialReconnectDelay: '0s', maxReconnectDelay: '10us' },
          costs: {
            storeRecovery: '0s',
            osWriteback: '1us',
            bridgeReconnectInitial: '0s',
            bridgeReconnectMax: '1us',
            inactivityTimeout: '0s',
            redeliveryDelay: '0s',
          },
          faults: { random: [{ kind: 'process-crash', mtbf: '1us' }] },
        }),
      ),
    ).toEqual([
      'embedded.journalDiskSyncInterval',
      'failover.initialReconnectDelay',
      'failover.maxReconnectDelay',
      'costs.storeRecovery',
      'costs.osWriteback',
      'costs.bridgeReconnectInitial',
      'costs.bridgeReconnectMax',
      'costs.inactivityTimeout',
      'costs.redeliveryDelay',
      'faults.random.0.mtbf',
    ]);
    expect(below(central({ lockKeepAlivePeriod: '1us' }))).toEqual(['cluster.lockKeepAlivePeriod']);
  });
});
