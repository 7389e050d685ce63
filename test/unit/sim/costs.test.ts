import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../src/model/defaults.js';
import { fsyncUs, tcpHopUs, vmHopUs } from '../../../src/sim/costs.js';

const copy = { copyMessageOnSend: true, objectMessageSerializationDefered: false };

describe('the cost model', () => {
  it('makes a vm hop cheaper than a tcp hop by the table margin for a 1 KiB text message', () => {
    const vm = vmHopUs(DEFAULT_COSTS, 1024, 'text', copy);
    const tcp = tcpHopUs(DEFAULT_COSTS, 1024, 'text');
    // vm: 5 us hand-off + 0.5 us clone; tcp: 100 us (half of 0.2 ms) + 1 us marshal + 1 us unmarshal.
    expect(vm).toBe(Math.round(5 + 0.5));
    expect(tcp).toBe(100 + 2);
    expect(tcp - vm).toBeGreaterThan(90);
  });

  it('charges ObjectMessage serialization over vm unless it is deferred', () => {
    const text = vmHopUs(DEFAULT_COSTS, 4096, 'text', copy);
    const object = vmHopUs(DEFAULT_COSTS, 4096, 'object', copy);
    const deferred = vmHopUs(DEFAULT_COSTS, 4096, 'object', {
      ...copy,
      objectMessageSerializationDefered: true,
    });
    expect(object - text).toBe(60); // 15 us/KiB x 4 KiB
    expect(deferred).toBe(text);
  });

  it('skips the clone when copyMessageOnSend is off', () => {
    expect(vmHopUs(DEFAULT_COSTS, 10 * 1024, 'text', { ...copy, copyMessageOnSend: false })).toBe(5);
    expect(vmHopUs(DEFAULT_COSTS, 10 * 1024, 'text', copy)).toBe(10);
  });

  it('always serializes an ObjectMessage over tcp', () => {
    expect(tcpHopUs(DEFAULT_COSTS, 1024, 'object') - tcpHopUs(DEFAULT_COSTS, 1024, 'text')).toBe(15);
  });

  it('takes fsync costs per disk kind from the table', () => {
    expect(fsyncUs(DEFAULT_COSTS, 'ssd')).toBe(800);
    expect(fsyncUs(DEFAULT_COSTS, 'hdd')).toBe(8000);
    expect(fsyncUs(DEFAULT_COSTS, 'nfs')).toBe(10000);
  });
});
