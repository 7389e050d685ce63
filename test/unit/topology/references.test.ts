import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../../src/topology/load.js';
import { checkReferences } from '../../../src/topology/references.js';
import { centralDoc, type Doc, embeddedDoc, topologyOf } from './docs.js';

const check = (doc: Doc) => checkReferences(topologyOf(doc));

/** A central topology with one scheduled fault (`at` 10s unless given). */
const centralFault = (fault: Doc, cluster: Doc = { brokers: 2, ha: 'shared-store' }) =>
  centralDoc({ cluster, faults: { schedule: [{ at: '10s', ...fault }] } });

/** An embedded mesh of 100 `orders` processes with one scheduled fault. */
const embeddedFault = (fault: Doc) =>
  embeddedDoc({ embedded: { network: 'mesh' }, faults: { schedule: [{ at: '10s', ...fault }] } });

describe('valid topologies pass', () => {
  it('an embedded mesh and a central pair with faults of every kind', () => {
    expect(check(embeddedDoc({ embedded: { network: 'mesh' } }))).toEqual([]);
    const faults = {
      schedule: [
        { at: '5s', kind: 'broker-crash', target: 'broker-0', restartAfter: 'never' },
        { at: '6s', kind: 'broker-restart', target: 'broker-1' },
        { at: '7s', kind: 'process-crash', target: 'orders-3' },
        { at: '8s', kind: 'partition', target: 'orders-0', peer: 'broker-0', duration: '5s' },
        { at: '9s', kind: 'disk-loss', target: 'shared-store' },
        { at: '10s', kind: 'slow-disk', target: 'shared-store', duration: '5s', factor: 20 },
        { at: '11s', kind: 'power-loss', target: 'broker-1' },
      ],
      random: [
        { kind: 'process-crash', mtbf: '1h', targets: ['orders'] },
        { kind: 'broker-crash', mtbf: '1h', targets: ['broker-0'] },
      ],
      search: { kinds: ['broker-crash', 'disk-loss'] },
    };
    expect(check(centralDoc({ faults }))).toEqual([]);
  });

  it('every bundled topology', () => {
    const dir = new URL('../../../topologies/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const result = loadTopologyText(readFileSync(new URL(file, dir), 'utf8'), file);
      expect(result.ok ? [] : result.errors, file).toEqual([]);
    }
  });
});

describe('names', () => {
  it('a destination declared twice', () => {
    expect(
      check(embeddedDoc({ destinations: [{ name: 'orders' }, { name: 'orders', type: 'topic' }] })),
    ).toEqual([
      {
        path: ['destinations', 1, 'name'],
        message: 'destination `orders` is declared twice',
        hint: 'remove one of destinations[0] and destinations[1]',
      },
    ]);
  });

  it('an application id used twice', () => {
    const issues = check(embeddedDoc({ applications: [{ id: 'orders' }, { id: 'orders' }] }));
    expect(issues).toEqual([
      {
        path: ['applications', 1, 'id'],
        message: 'application id `orders` is used twice',
        hint: 'give every application its own id',
      },
    ]);
  });

  it('an application named like a cluster broker or the shared store next to a cluster', () => {
    for (const id of ['broker', 'broker-1']) {
      const issues = check(centralDoc({ applications: [{ id }] }));
      expect(issues.map((i) => i.path)).toEqual([['applications', 0, 'id']]);
      expect(issues[0]?.message).toMatch(/reads like a cluster broker's name/);
    }
    const shared = check(centralDoc({ applications: [{ id: 'shared-store' }] }));
    expect(shared[0]?.message).toMatch(/the name fault targets use for the cluster store/);
    expect(check(centralDoc({ applications: [{ id: 'brokerage' }] }))).toEqual([]);
  });

  it('a producer and a consumer of destinations that are not declared', () => {
    const doc = embeddedDoc({
      applications: [
        { id: 'orders', producers: [{ destination: 'order' }], consumers: [{ destination: 'billing' }] },
      ],
    });
    expect(check(doc)).toEqual([
      {
        path: ['applications', 0, 'producers', 0, 'destination'],
        message: 'producer of orders uses destination `order`, which is not declared',
        hint: 'declare it under destinations, or use one of: orders',
      },
      {
        path: ['applications', 0, 'consumers', 0, 'destination'],
        message: 'consumer of orders uses destination `billing`, which is not declared',
        hint: 'declare it under destinations, or use one of: orders',
      },
    ]);
  });
});

describe('layout contradictions', () => {
  it('layout central without a cluster: at the document', () => {
    const issues = check(centralDoc({ cluster: undefined }));
    expect(issues).toMatchObject([{ path: [], message: 'layout `central` needs a `cluster` block' }]);
  });

  it('an embedded block in layout central: at its key', () => {
    expect(check(centralDoc({ embedded: { store: 'kahadb' } }))).toMatchObject([
      { path: ['embedded'], atKey: true, message: 'an `embedded` block does nothing in layout `central`' },
    ]);
  });

  it('network hub without a cluster', () => {
    expect(check(embeddedDoc({ embedded: { network: 'hub' } }))).toMatchObject([
      { path: ['embedded', 'network'], message: 'network `hub` needs a central cluster to act as the hub' },
    ]);
  });

  it('network hub with a cluster is the hub layout', () => {
    const hub = embeddedDoc({ embedded: { network: 'hub' }, cluster: { brokers: 2, ha: 'shared-store' } });
    expect(check(hub)).toEqual([]);
  });

  it('a cluster in layout embedded without a hub', () => {
    const doc = embeddedDoc({ embedded: { network: 'mesh' }, cluster: { brokers: 2, ha: 'shared-store' } });
    expect(check(doc)).toMatchObject([
      {
        path: ['cluster'],
        atKey: true,
        message: 'a `cluster` block does nothing in layout `embedded` with network `mesh`',
      },
    ]);
  });

  it('layout hybrid without a cluster, and with a network of its own', () => {
    expect(check(embeddedDoc({ layout: 'hybrid' }))).toMatchObject([
      { path: [], message: 'layout `hybrid` needs a `cluster` block for the embedded brokers to forward to' },
    ]);
    const meshed = centralDoc({ layout: 'hybrid', embedded: { network: 'mesh' } });
    expect(check(meshed)).toMatchObject([
      { path: ['embedded', 'network'], message: /network `mesh` contradicts it/ },
    ]);
  });
});

describe('cluster contradictions', () => {
  const cluster = (settings: Doc) => check(centralDoc({ cluster: settings }));

  it('ha none with more than one broker', () => {
    expect(cluster({ brokers: 3, ha: 'none' })).toMatchObject([
      {
        path: ['cluster', 'brokers'],
        message: 'ha `none` with 3 brokers: independent brokers do not share messages',
      },
    ]);
    expect(cluster({ brokers: 1, ha: 'none' })).toEqual([]);
  });

  it('ha jdbc with a kahadb store', () => {
    expect(cluster({ brokers: 2, ha: 'jdbc', store: 'kahadb' })).toMatchObject([
      {
        path: ['cluster', 'store'],
        message: 'ha `jdbc` keeps messages in the database, not in store `kahadb`',
      },
    ]);
  });

  it('a jdbc store without ha jdbc', () => {
    expect(cluster({ brokers: 2, ha: 'shared-store', store: 'jdbc' })).toMatchObject([
      { path: ['cluster', 'store'], message: 'store `jdbc` with ha `shared-store`' },
    ]);
  });

  it.each(['shared-store', 'replicated'])('ha %s with a memory store', (ha) => {
    expect(cluster({ brokers: 2, ha, store: 'memory' })).toMatchObject([
      {
        path: ['cluster', 'store'],
        message: `ha \`${ha}\` needs a persistent store; \`memory\` keeps nothing to share or replicate`,
      },
    ]);
  });
});

describe('fault targets', () => {
  it('a process out of range', () => {
    expect(check(embeddedFault({ kind: 'process-crash', target: 'orders-120' }))).toEqual([
      {
        path: ['faults', 'schedule', 0, 'target'],
        message: 'fault target `orders-120` is out of range: orders has 100 replicas (orders-0 .. orders-99)',
      },
    ]);
  });

  it('a broker out of range', () => {
    expect(check(centralFault({ kind: 'broker-crash', target: 'broker-5' }))).toMatchObject([
      {
        message: 'fault target `broker-5` is out of range: the cluster has 2 brokers (broker-0 .. broker-1)',
      },
    ]);
  });

  it('broker-crash on a process', () => {
    expect(check(embeddedFault({ kind: 'broker-crash', target: 'orders-3' }))).toEqual([
      {
        path: ['faults', 'schedule', 0, 'target'],
        message: 'broker-crash cannot hit `orders-3`, which is a process',
        hint: 'an embedded broker dies with its process: use `process-crash`',
      },
    ]);
  });

  it('process-crash on a broker', () => {
    expect(check(centralFault({ kind: 'process-crash', target: 'broker-0' }))).toEqual([
      {
        path: ['faults', 'schedule', 0, 'target'],
        message: 'process-crash cannot hit `broker-0`, which is a broker',
        hint: 'process-crash can hit: process',
      },
    ]);
  });

  it('power-loss on the shared store', () => {
    expect(check(centralFault({ kind: 'power-loss', target: 'shared-store' }))).toMatchObject([
      { message: 'power-loss cannot hit `shared-store`, which is the shared store' },
    ]);
  });

  it('a disk fault on a process of layout central, which has no store', () => {
    expect(check(centralFault({ kind: 'disk-loss', target: 'orders-1' }))).toMatchObject([
      { message: '`orders-1` has no store: in layout `central` the messages are on the brokers' },
    ]);
  });

  it('a disk fault on a broker of a shared-store cluster', () => {
    expect(check(centralFault({ kind: 'slow-disk', target: 'broker-0', duration: '5s' }))).toMatchObject([
      {
        message: 'the brokers of a shared-store cluster have no store of their own',
        hint: 'target `shared-store` instead',
      },
    ]);
    const network = { brokers: 3, ha: 'network-of-brokers' };
    expect(check(centralFault({ kind: 'disk-loss', target: 'broker-0' }, network))).toEqual([]);
  });
});

describe('partitions and fault times', () => {
  it('a peer on a fault that is not a partition', () => {
    expect(check(embeddedFault({ kind: 'process-crash', target: 'orders-1', peer: 'orders-2' }))).toEqual([
      {
        path: ['faults', 'schedule', 0, 'peer'],
        message: '`peer` only applies to a partition, not to process-crash',
        hint: 'remove it',
      },
    ]);
  });

  it('a partition with an unknown peer', () => {
    const fault = { kind: 'partition', target: 'orders-1', peer: 'orders-100', duration: '5s' };
    expect(check(embeddedFault(fault))).toMatchObject([
      { path: ['faults', 'schedule', 0, 'peer'], message: /^fault target `orders-100` is out of range/ },
    ]);
  });

  it('a partition with itself', () => {
    const fault = { kind: 'partition', target: 'orders-1', peer: 'orders-1', duration: '5s' };
    expect(check(embeddedFault(fault))).toMatchObject([
      { path: ['faults', 'schedule', 0, 'peer'], message: 'a partition needs two different sides' },
    ]);
  });

  it('a fault at or after the end of the run (sends plus drain)', () => {
    const late = (at: string) =>
      check(
        embeddedDoc({
          simulation: { duration: '50s', drain: '10s' },
          faults: { schedule: [{ at, kind: 'process-crash', target: 'orders-1' }] },
        }),
      );
    expect(late('60s')).toMatchObject([
      {
        path: ['faults', 'schedule', 0, 'at'],
        message: 'this fault comes after the end of the run (simulation.duration + simulation.drain)',
      },
    ]);
    expect(late('59s')).toEqual([]);
  });
});

describe('random faults and the fault search', () => {
  it('accepts an application id as a target of process faults only', () => {
    const random = (kind: string) =>
      embeddedDoc({ faults: { random: [{ kind, mtbf: '1h', targets: ['orders'] }] } });
    expect(check(random('power-loss'))).toEqual([]);
    expect(check(random('broker-crash'))).toMatchObject([
      {
        path: ['faults', 'random', 0, 'targets', 0],
        message:
          'fault target `orders` is an application, not one process: name a replica such as `orders-0`',
      },
    ]);
  });

  it('a random fault that nothing can suffer', () => {
    expect(check(embeddedDoc({ faults: { random: [{ kind: 'broker-crash', mtbf: '1h' }] } }))).toEqual([
      {
        path: ['faults', 'random', 0, 'kind'],
        message: 'nothing in this topology can suffer broker-crash',
        hint: 'remove this random fault',
      },
    ]);
  });

  it('a searched fault kind that nothing can suffer', () => {
    expect(
      check(embeddedDoc({ faults: { search: { kinds: ['process-crash', 'broker-restart'] } } })),
    ).toEqual([
      {
        path: ['faults', 'search', 'kinds', 1],
        message: 'nothing in this topology can suffer broker-restart',
        hint: 'remove it from faults.search.kinds',
      },
    ]);
  });
});
