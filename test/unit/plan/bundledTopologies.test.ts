/**
 * The figures of every bundled topology, computed by hand from its file (issue 2's acceptance):
 * a change to the plan that moves any of them must be a deliberate one.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { loadTopologyFile } from '../../../src/topology/load.js';

interface Expected {
  /** Processes plus standalone brokers. */
  units: number;
  brokers: number;
  stores: number;
  bridges: number;
  vm: number;
  tcp: number;
}

const EXPECTED: Record<string, Expected> = {
  // 100 web + 5 billing processes, each its own broker and KahaDB and one vm:// connection
  // (producer and consumer share it); a full duplex mesh: 105 x 104 / 2.
  'embedded-per-process': { units: 105, brokers: 105, stores: 105, bridges: 5460, vm: 105, tcp: 0 },
  'embedded-appserver': { units: 105, brokers: 105, stores: 105, bridges: 5460, vm: 105, tcp: 0 },
  // 105 embedded brokers + the hub pair (2 processes, one shared store); one duplex bridge per spoke.
  'embedded-hub': { units: 107, brokers: 107, stores: 106, bridges: 105, vm: 105, tcp: 0 },
  // 105 clients (100 web, 5 billing) of a shared-store pair: 2 broker processes, 1 store.
  'central-cluster': { units: 107, brokers: 2, stores: 1, bridges: 0, vm: 0, tcp: 105 },
  // 105 clients of 3 peers, a store each, 3 x 2 / 2 duplex bridges.
  'central-network-of-brokers': { units: 108, brokers: 3, stores: 3, bridges: 3, vm: 0, tcp: 105 },
  // 100 producing processes embed a broker (store, bridge, vm); 20 consumers connect over tcp; the pair shares one store.
  'hybrid-store-and-forward': { units: 122, brokers: 102, stores: 101, bridges: 100, vm: 100, tcp: 20 },
  // 10 processes, brokers with no persistence.
  'spring-boot-default': { units: 10, brokers: 10, stores: 0, bridges: 0, vm: 10, tcp: 0 },
};

describe('the bundled topologies', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: ${want.units} units, ${want.brokers} brokers, ${want.stores} stores, ${want.bridges} bridges`, async () => {
      const loaded = await loadTopologyFile(`topologies/${name}.yaml`);
      if (!loaded.ok) throw new Error(`${name} does not load`);
      const f = buildPlan(loaded.topology).figures;
      expect({
        units: f.deploymentUnits,
        brokers: f.brokerInstances,
        stores: f.persistentStores,
        bridges: f.bridges,
        vm: f.vmConnections,
        tcp: f.tcpConnections,
      }).toEqual(want);
    });
  }
});
