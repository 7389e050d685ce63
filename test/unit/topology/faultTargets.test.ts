import { describe, expect, it } from 'vitest';
import { acceptedTargets, canSuffer } from '../../../src/topology/faultTargets.js';
import { centralDoc, embeddedDoc, topologyOf } from './docs.js';

const small = { applications: [{ id: 'orders', replicas: 2, producers: [{ destination: 'orders' }] }] };

describe('the targets the loader accepts, from the fault-kind table', () => {
  it('embedded: processes, and their stores; no broker to crash', () => {
    const t = topologyOf(embeddedDoc(small));
    expect(acceptedTargets(t, 'broker-crash')).toEqual([]);
    expect(canSuffer(t, 'broker-crash')).toBe(false);
    expect(acceptedTargets(t, 'process-crash')).toEqual(['orders-0', 'orders-1']);
    expect(acceptedTargets(t, 'disk-loss')).toEqual(['orders-0', 'orders-1']);
  });

  it('central shared-store: disk faults hit the shared store, not the brokers or processes', () => {
    const t = topologyOf(centralDoc(small));
    expect(acceptedTargets(t, 'disk-loss')).toEqual(['shared-store']);
    expect(acceptedTargets(t, 'slow-disk')).toEqual(['shared-store']);
    expect(acceptedTargets(t, 'partition')).toEqual(['orders-0', 'orders-1', 'broker-0', 'broker-1']);
    expect(acceptedTargets(t, 'broker-restart')).toEqual(['broker-0', 'broker-1']);
  });

  it('central replicated: each broker owns its store', () => {
    const t = topologyOf(centralDoc({ ...small, cluster: { brokers: 3, ha: 'replicated' } }));
    expect(acceptedTargets(t, 'disk-loss')).toEqual(['broker-0', 'broker-1', 'broker-2']);
  });

  it('embedded hub: the hub brokers and their shared store are targets too', () => {
    const t = topologyOf(
      embeddedDoc({ ...small, embedded: { network: 'hub' }, cluster: { brokers: 2, ha: 'shared-store' } }),
    );
    expect(acceptedTargets(t, 'broker-crash')).toEqual(['broker-0', 'broker-1']);
    expect(acceptedTargets(t, 'disk-loss')).toEqual(['orders-0', 'orders-1', 'shared-store']);
  });

  it('a partition needs two parties', () => {
    const t = topologyOf(
      embeddedDoc({ applications: [{ id: 'solo', producers: [{ destination: 'orders' }] }] }),
    );
    expect(acceptedTargets(t, 'partition')).toEqual([]);
    expect(canSuffer(t, 'partition')).toBe(false);
  });
});
