import { describe, expect, it } from 'vitest';
import {
  brokerName,
  explainUnknownInstance,
  processName,
  resolveInstance,
} from '../../../src/topology/names.js';
import { centralDoc, embeddedDoc, topologyOf } from './docs.js';

/** 100 `orders` processes and 1 `audit` process on an embedded mesh, no cluster. */
const embedded = topologyOf(
  embeddedDoc({
    applications: [
      { id: 'orders', replicas: 100 },
      { id: 'audit', replicas: 1 },
    ],
    embedded: { network: 'mesh' },
  }),
);
/** 4 `orders` processes and 2 `order-service` processes on a shared-store pair. */
const central = topologyOf(
  centralDoc({
    applications: [
      { id: 'orders', replicas: 4 },
      { id: 'order-service', replicas: 2 },
    ],
  }),
);

describe('processName and brokerName', () => {
  it('name instances `<app>-<index>` and `broker-<index>`', () => {
    expect(processName('orders', 3)).toBe('orders-3');
    expect(brokerName(0)).toBe('broker-0');
  });
});

describe('resolveInstance', () => {
  it('resolves a process to its application and index', () => {
    expect(resolveInstance(embedded, 'orders-3')).toEqual({
      kind: 'process',
      app: embedded.applications[0],
      index: 3,
    });
    expect(resolveInstance(embedded, 'orders-99')).toMatchObject({ kind: 'process', index: 99 });
  });

  it('resolves an application id that contains a dash', () => {
    expect(resolveInstance(central, 'order-service-1')).toEqual({
      kind: 'process',
      app: central.applications[1],
      index: 1,
    });
  });

  it('resolves cluster brokers and the shared store', () => {
    expect(resolveInstance(central, 'broker-1')).toEqual({ kind: 'broker', index: 1 });
    expect(resolveInstance(central, 'shared-store')).toEqual({ kind: 'shared-store' });
  });

  it.each([
    ['orders-100', 'one past the last replica'],
    ['orders-120', 'out of range'],
    ['orders-03', 'a leading zero'],
    ['orders', 'an application id alone'],
    ['payments-1', 'an unknown application'],
    ['broker-1', 'a broker without a cluster'],
    ['shared-store', 'no shared store without a cluster'],
  ])('resolves %s to nothing (%s)', (name) => {
    expect(resolveInstance(embedded, name)).toBeUndefined();
  });

  it('finds no shared store in a network of brokers, and no broker past the last', () => {
    const network = topologyOf(centralDoc({ cluster: { brokers: 3, ha: 'network-of-brokers' } }));
    expect(resolveInstance(network, 'shared-store')).toBeUndefined();
    expect(resolveInstance(network, 'broker-3')).toBeUndefined();
    expect(resolveInstance(network, 'broker-2')).toEqual({ kind: 'broker', index: 2 });
  });
});

describe('explainUnknownInstance', () => {
  it.each([
    ['orders-120', '`orders-120` is out of range: orders has 100 replicas (orders-0 .. orders-99)'],
    ['audit-1', '`audit-1` is out of range: audit has 1 replica (audit-0 .. audit-0)'],
    ['orders-03', '`orders-03` has a leading zero: write `orders-3`'],
    ['orders', '`orders` is an application, not one process: name a replica such as `orders-0`'],
    ['broker-1', '`broker-1` names a cluster broker, but this topology has no cluster'],
    ['broker-01', '`broker-01` names a cluster broker, but this topology has no cluster'],
    [
      'payments-1',
      '`payments-1` is neither a process (`<application>-<index>`) nor a cluster broker (`broker-<index>`)',
    ],
  ])('explains %s in an embedded topology', (name, why) => {
    expect(explainUnknownInstance(embedded, name)).toBe(why);
  });

  it.each([
    ['broker-5', '`broker-5` is out of range: the cluster has 2 brokers (broker-0 .. broker-1)'],
    ['broker-01', '`broker-01` has a leading zero: write `broker-1`'],
    [
      'order-service-2',
      '`order-service-2` is out of range: order-service has 2 replicas (order-service-0 .. order-service-1)',
    ],
  ])('explains %s in a central topology', (name, why) => {
    expect(explainUnknownInstance(central, name)).toBe(why);
  });

  it('counts a single broker in the singular', () => {
    const single = topologyOf(centralDoc({ cluster: { brokers: 1, ha: 'none' } }));
    expect(explainUnknownInstance(single, 'broker-1')).toBe(
      '`broker-1` is out of range: the cluster has 1 broker (broker-0 .. broker-0)',
    );
  });
});
