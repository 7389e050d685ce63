/**
 * Properties of buildPlan over generated valid topologies: it never throws, and its instances and
 * figures match counts computed here from the topology alone (never with src/plan helpers).
 *
 * The suite title carries the seed; replay a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildPlan } from '../../src/plan/buildPlan.js';
import type { Plan } from '../../src/plan/types.js';
import { formatLoadError } from '../../src/topology/issues.js';
import { loadTopologyText } from '../../src/topology/load.js';
import type { Topology } from '../../src/topology/types.js';
import { topologyDocument } from '../support/arbitraries.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const settings = { seed, numRuns: 100 };

/** Generated documents, loaded: a property about plans starts from a valid Topology. */
const topologies: fc.Arbitrary<Topology> = topologyDocument({ maxReplicas: 8, maxBrokers: 5 }).map((doc) => {
  const text = stringify(doc);
  const result = loadTopologyText(text, 'generated.yaml');
  if (!result.ok) throw new Error(`${result.errors.map(formatLoadError).join('\n')}\n${text}`);
  return result.topology;
});

function planProperty(check: (t: Topology, plan: Plan) => void) {
  fc.assert(
    fc.property(topologies, (t) => {
      check(t, buildPlan(t));
    }),
    settings,
  );
}

// ---------------------------------------------------------------------------------------------
// Expected figures, from the topology and MODEL.md alone

function processNames(t: Topology): string[] {
  return t.applications.flatMap((a) => Array.from({ length: a.replicas }, (_, i) => `${a.id}-${i}`));
}

function clusterBrokerNames(t: Topology): string[] {
  return Array.from({ length: t.cluster?.brokers ?? 0 }, (_, i) => `broker-${i}`);
}

/**
 * Processes that embed a broker: all of them in layout embedded, none in central, and in a
 * hybrid only those that produce (they store and forward to the cluster; consumers read from
 * the cluster directly).
 */
function embeddingProcesses(t: Topology): string[] {
  if (t.layout === 'central') return [];
  const apps = t.layout === 'hybrid' ? t.applications.filter((a) => a.producers.length > 0) : t.applications;
  return apps.flatMap((a) => Array.from({ length: a.replicas }, (_, i) => `${a.id}-${i}`));
}

/**
 * Persistent stores: one per embedded broker whose store persists; one for a shared-store or
 * jdbc cluster; one per broker for the other HA modes; none for store `memory`.
 */
function expectedStores(t: Topology): number {
  const embedded = t.embedded?.store.kind === 'memory' ? 0 : embeddingProcesses(t).length;
  const c = t.cluster;
  if (!c || c.store.kind === 'memory') return embedded;
  return embedded + (c.ha === 'shared-store' || c.ha === 'jdbc' ? 1 : c.brokers);
}

/** Joining n brokers pairwise: one duplex bridge per pair, or one each way. */
function pairBridges(n: number, duplex: boolean): number {
  const pairs = (n * (n - 1)) / 2;
  return duplex ? pairs : n * (n - 1);
}

/**
 * Bridges: an embedded mesh joins every pair of processes; a hub gives each process one duplex
 * bridge to the cluster (two one-way); hybrid forwards over one bridge per embedded broker; a
 * network of brokers joins every pair of cluster brokers.
 */
function expectedBridges(t: Topology): number {
  const n = embeddingProcesses(t).length;
  const network = t.embedded?.network ?? 'none';
  let bridges = 0;
  if (t.layout === 'embedded' && network === 'mesh') bridges += pairBridges(n, t.embedded!.duplex);
  if (t.layout === 'embedded' && network === 'hub') bridges += t.embedded!.duplex ? n : 2 * n;
  if (t.layout === 'hybrid') bridges += n;
  if (t.cluster?.ha === 'network-of-brokers') bridges += pairBridges(t.cluster.brokers, t.cluster.duplex);
  return bridges;
}

/** Connections of one process: vm in layout embedded, tcp in central, vm to send and tcp to receive in hybrid. */
function expectedTransports(t: Topology, app: Topology['applications'][number]): ('vm' | 'tcp')[] {
  const produces = app.producers.length > 0;
  const consumes = app.consumers.length > 0;
  if (!produces && !consumes) return [];
  if (t.layout === 'embedded') return ['vm'];
  if (t.layout === 'central') return ['tcp'];
  return [...(produces ? (['vm'] as const) : []), ...(consumes ? (['tcp'] as const) : [])];
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function duplicates(names: string[]): string[] {
  return names.filter((name, i) => names.indexOf(name) !== i);
}

// ---------------------------------------------------------------------------------------------

describe(`plans of generated topologies (seed ${seed}, replay with FC_SEED=${seed})`, () => {
  it('one process per replica, one deployment unit per process and cluster broker', () => {
    planProperty((t, plan) => {
      const processes = processNames(t);
      const brokers = clusterBrokerNames(t);
      expect(plan.processes.map((p) => p.name)).toEqual(processes);
      expect(plan.figures.applicationProcesses).toBe(processes.length);
      expect(plan.figures.deploymentUnits).toBe(processes.length + brokers.length);
      expect(plan.figures.clusterBrokers).toBe(brokers.length);
      expect(plan.figures.embeddedBrokers).toBe(embeddingProcesses(t).length);
      expect(plan.brokers.map((b) => b.name)).toEqual([...embeddingProcesses(t), ...brokers]);
      expect(plan.figures.brokerInstances).toBe(plan.brokers.length);
    });
  });

  it('persistent stores follow the layout: per process, per broker, or one shared', () => {
    planProperty((t, plan) => {
      expect(plan.figures.persistentStores).toBe(expectedStores(t));
      expect(plan.stores.filter((s) => s.persistent)).toHaveLength(expectedStores(t));
    });
  });

  it('bridges follow the mesh, hub, forward and network-of-brokers formulas', () => {
    planProperty((t, plan) => {
      expect(plan.figures.bridges).toBe(expectedBridges(t));
      expect(plan.bridgeSets.reduce((sum, set) => sum + set.bridges, 0)).toBe(expectedBridges(t));
    });
  });

  it('client connections use vm:// to their own process and failover: over exactly the cluster brokers', () => {
    planProperty((t, plan) => {
      const brokers = clusterBrokerNames(t);
      const expected = t.applications.flatMap((app) =>
        Array.from({ length: app.replicas }, (_, i) =>
          expectedTransports(t, app).map((transport) => ({ process: `${app.id}-${i}`, transport })),
        ).flat(),
      );
      expect(plan.connections.map((c) => ({ process: c.process, transport: c.transport }))).toEqual(expected);
      expect(plan.figures.clientConnections).toBe(expected.length);
      expect(plan.figures.vmConnections).toBe(expected.filter((c) => c.transport === 'vm').length);
      expect(plan.figures.tcpConnections).toBe(expected.filter((c) => c.transport === 'tcp').length);
      const persistentEmbedded = t.embedded?.store.kind !== 'memory';
      for (const c of plan.connections) {
        if (c.transport === 'vm') {
          const option = persistentEmbedded ? 'create=false' : 'broker.persistent=false';
          expect(c.uri).toBe(`vm://${c.process}?${option}`);
          expect(c.brokers).toEqual([c.process]);
        } else {
          const m = /^failover:\(([^)]*)\)(\?[^()]*)?$/.exec(c.uri);
          expect(m, c.uri).not.toBeNull();
          expect(m![1]!.split(',')).toEqual(brokers.map((b) => `tcp://${b}:61616`));
          expect(c.brokers).toEqual(brokers);
          expect(c.uri.includes('randomize=false')).toBe(!t.failover.randomize);
        }
      }
    });
  });

  it('broker and store names are unique, and every broker writes to a store of the plan that lists it', () => {
    planProperty((_t, plan) => {
      expect(duplicates(plan.brokers.map((b) => b.name))).toEqual([]);
      expect(duplicates(plan.stores.map((s) => s.name))).toEqual([]);
      const stores = new Map(plan.stores.map((s) => [s.name, s]));
      for (const broker of plan.brokers) {
        if (broker.store === null) continue;
        expect(stores.has(broker.store), `${broker.name} writes to ${broker.store}`).toBe(true);
        expect(stores.get(broker.store)!.brokers).toContain(broker.name);
      }
      for (const store of plan.stores) {
        for (const name of store.brokers) {
          expect(plan.brokers.find((b) => b.name === name)?.store).toBe(store.name);
        }
      }
    });
  });

  it('cluster roles: the first broker of a master/slave group is master, the others wait', () => {
    planProperty((t, plan) => {
      const c = t.cluster;
      const roles = plan.brokers.filter((b) => b.placement === 'cluster').map((b) => b.role);
      if (!c) return expect(roles).toEqual([]);
      const rest = {
        none: 'standalone',
        'shared-store': 'slave',
        jdbc: 'slave',
        replicated: 'replica',
        'network-of-brokers': 'peer',
      }[c.ha];
      const first = c.ha === 'shared-store' || c.ha === 'jdbc' || c.ha === 'replicated' ? 'master' : rest;
      expect(roles).toEqual([first, ...Array.from({ length: c.brokers - 1 }, () => rest)]);
    });
  });

  it('lints come sorted: errors, then warnings, then information', () => {
    planProperty((_t, plan) => {
      const ranks = plan.lints.map((l) => SEVERITY_RANK[l.severity]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    });
  });
});
