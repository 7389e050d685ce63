import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../src/model/defaults.js';
import { fsyncUs, type Leg, tcpHopUs, vmHopUs, vmSenderUs } from '../../../src/sim/costs.js';

const copy = { copyMessageOnSend: true, objectMessageSerializationDefered: false };

describe('the cost model', () => {
  it('makes a vm hop cheaper than a tcp hop by the table margin for a 1 KiB text message', () => {
    const vm = vmHopUs(DEFAULT_COSTS, 1024, 'text', copy, 'send');
    const tcp = tcpHopUs(DEFAULT_COSTS, 1024, 'text', 'send');
    // vm: 5 us hand-off + 0.5 us clone; tcp: 100 us (half of 0.2 ms) + 1 us marshal + 1 us unmarshal.
    expect(vm).toBe(Math.round(5 + 0.5));
    expect(tcp).toBe(100 + 2);
    expect(tcp - vm).toBeGreaterThan(90);
  });

  // ActiveMQObjectMessage: setObject serializes (storeContent) once, the consumer's getObject
  // deserializes once; copies and the broker pass the serialized bytes along.
  const path = (hop: (type: 'text' | 'object', leg: Leg) => number, type: 'text' | 'object') =>
    hop(type, 'send') + hop(type, 'deliver');

  it('charges ObjectMessage serialization over vm once a path (serialize at the send, deserialize at the delivery) unless it is deferred', () => {
    const vm = (h: typeof copy) => (type: 'text' | 'object', leg: Leg) =>
      vmHopUs(DEFAULT_COSTS, 4096, type, h, leg);
    const deferred = vm({ ...copy, objectMessageSerializationDefered: true });
    expect(path(vm(copy), 'object') - path(vm(copy), 'text')).toBe(60); // 15 us/KiB x 4 KiB
    expect(vmHopUs(DEFAULT_COSTS, 4096, 'object', copy, 'send')).toBe(
      vmHopUs(DEFAULT_COSTS, 4096, 'object', copy, 'deliver'),
    );
    expect(path(deferred, 'object')).toBe(path(deferred, 'text'));
  });

  it('skips the clone when copyMessageOnSend is off', () => {
    expect(vmHopUs(DEFAULT_COSTS, 10 * 1024, 'text', { ...copy, copyMessageOnSend: false }, 'send')).toBe(5);
    expect(vmHopUs(DEFAULT_COSTS, 10 * 1024, 'text', copy, 'send')).toBe(10);
  });

  it("leaves a vm:// sender only its own part of the hop: the clone and an ObjectMessage's serialization", () => {
    // 10 KiB: a 5 us clone; an ObjectMessage adds half of 15 us/KiB (75 us) on the send.
    expect(vmSenderUs(DEFAULT_COSTS, 10 * 1024, 'text', copy)).toBe(5);
    expect(vmSenderUs(DEFAULT_COSTS, 10 * 1024, 'object', copy)).toBe(80);
    expect(
      vmSenderUs(DEFAULT_COSTS, 10 * 1024, 'object', { ...copy, objectMessageSerializationDefered: true }),
    ).toBe(5);
    // Without the clone nothing is left but queueing the command: 1 us, the floor.
    expect(vmSenderUs(DEFAULT_COSTS, 10 * 1024, 'text', { ...copy, copyMessageOnSend: false })).toBe(1);
    // The hand-off is what the sender does not wait for.
    expect(
      vmHopUs(DEFAULT_COSTS, 10 * 1024, 'text', copy, 'send') -
        vmSenderUs(DEFAULT_COSTS, 10 * 1024, 'text', copy),
    ).toBe(DEFAULT_COSTS.vmHopUs);
  });

  it('always serializes an ObjectMessage over tcp, once a path', () => {
    const tcp = (type: 'text' | 'object', leg: Leg) => tcpHopUs(DEFAULT_COSTS, 4096, type, leg);
    expect(path(tcp, 'object') - path(tcp, 'text')).toBe(60);
  });

  it('forwards an ObjectMessage over a bridge as bytes: no serialization there', () => {
    expect(tcpHopUs(DEFAULT_COSTS, 4096, 'object', 'forward')).toBe(
      tcpHopUs(DEFAULT_COSTS, 4096, 'text', 'forward'),
    );
  });

  it('takes fsync costs per disk kind from the table', () => {
    expect(fsyncUs(DEFAULT_COSTS, 'ssd')).toBe(800);
    expect(fsyncUs(DEFAULT_COSTS, 'hdd')).toBe(8000);
    expect(fsyncUs(DEFAULT_COSTS, 'nfs')).toBe(10000);
  });
});
