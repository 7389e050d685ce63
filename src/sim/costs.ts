/**
 * The cost model: what each step of a message's path costs in simulated microseconds, from the
 * topology's `costs` (MODEL.md's table unless overridden). The one place the simulation turns
 * sizes and settings into time.
 */
import type { CostModel, DiskKind, MessageType } from '../topology/types.js';

export interface HopSettings {
  copyMessageOnSend: boolean;
  objectMessageSerializationDefered: boolean;
}

/** Per-KiB costs are in nanoseconds; round the sum once, and never below 1 us. */
function perKiBUs(nsPerKiB: number, sizeBytes: number): number {
  return (nsPerKiB * sizeBytes) / 1024 / 1000;
}

/**
 * Which leg of its path a message crosses: the producer's send, the broker's delivery to a
 * consumer, or a bridge between brokers. An ObjectMessage is serialized once, by setObject on
 * the send, and deserialized once, by the consumer's getObject (ActiveMQObjectMessage; copies
 * and the broker carry the serialized bytes): objectSerializationNsPerKiB (serialize +
 * deserialize) is charged half on the send, half on the delivery, and not on a bridge.
 */
export type Leg = 'send' | 'deliver' | 'forward';

function objectLegUs(costs: CostModel, sizeBytes: number, type: MessageType, leg: Leg): number {
  if (type !== 'object' || leg === 'forward') return 0;
  return perKiBUs(costs.objectSerializationNsPerKiB, sizeBytes) / 2;
}

/** One way over vm://: an in-JVM hand-off, a clone if copyMessageOnSend, ObjectMessage serialization unless deferred. */
export function vmHopUs(
  costs: CostModel,
  sizeBytes: number,
  type: MessageType,
  hop: HopSettings,
  leg: Leg,
): number {
  return Math.max(1, Math.round(costs.vmHopUs + vmCopyUs(costs, sizeBytes, type, hop, leg)));
}

/** What a vm:// leg does to the message itself: the clone if copyMessageOnSend, ObjectMessage serialization unless deferred. */
function vmCopyUs(
  costs: CostModel,
  sizeBytes: number,
  type: MessageType,
  hop: HopSettings,
  leg: Leg,
): number {
  let us = 0;
  if (hop.copyMessageOnSend) us += perKiBUs(costs.cloneNsPerKiB, sizeBytes);
  if (!hop.objectMessageSerializationDefered) us += objectLegUs(costs, sizeBytes, type, leg);
  return us;
}

/**
 * The sender's own part of a vm:// send: the clone if copyMessageOnSend and an ObjectMessage's
 * serialization unless deferred, both on the sending thread before it queues the command for the
 * broker's thread (VMTransport is async by default). The rest of vmHopUs, the hand-off and the
 * broker thread's wake-up, is on the message's path but not on the sender's thread: measured over
 * vm:// (fidelity transport bench, warm JVMs, 2026-11-30 23:30), send() returned 500,000-540,000
 * times a second with 1 KiB TextMessages, about 2 us each with the message's creation, while each
 * message took 31-58 us to its consumer.
 */
export function vmSenderUs(costs: CostModel, sizeBytes: number, type: MessageType, hop: HopSettings): number {
  return Math.max(1, Math.round(vmCopyUs(costs, sizeBytes, type, hop, 'send')));
}

/** One way over tcp://: OpenWire marshal, half a round trip, unmarshal; an ObjectMessage is always serialized. */
export function tcpHopUs(costs: CostModel, sizeBytes: number, type: MessageType, leg: Leg): number {
  const us =
    costs.lanRoundTripUs / 2 +
    2 * perKiBUs(costs.marshalNsPerKiB, sizeBytes) +
    objectLegUs(costs, sizeBytes, type, leg);
  return Math.max(1, Math.round(us));
}

/**
 * How long one command holds its tcp:// connection's thread, on average: its time on the path,
 * and at least the connection's time per command (transport.ts). One connection carries at most
 * one command per this each way.
 */
export function tcpConnectionHoldUs(costs: CostModel): number {
  return Math.max(costs.tcpTransportUs, costs.tcpConnectionUs);
}

/** A small control frame (receipt, ack) one way over tcp://. */
export function tcpControlUs(costs: CostModel): number {
  return Math.max(1, Math.round(costs.lanRoundTripUs / 2));
}

/** A receipt or ack one way over vm://. */
export function vmControlUs(costs: CostModel): number {
  return Math.max(1, costs.vmHopUs);
}

export function fsyncUs(costs: CostModel, disk: DiskKind): number {
  switch (disk) {
    case 'ssd':
      return costs.fsyncSsdUs;
    case 'hdd':
      return costs.fsyncHddUs;
    case 'nfs':
      return costs.fsyncNfsUs;
  }
}
