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

/** One way over vm://: an in-JVM hand-off, a clone if copyMessageOnSend, ObjectMessage serialization unless deferred. */
export function vmHopUs(costs: CostModel, sizeBytes: number, type: MessageType, hop: HopSettings): number {
  let us = costs.vmHopUs;
  if (hop.copyMessageOnSend) us += perKiBUs(costs.cloneNsPerKiB, sizeBytes);
  if (type === 'object' && !hop.objectMessageSerializationDefered)
    us += perKiBUs(costs.objectSerializationNsPerKiB, sizeBytes);
  return Math.max(1, Math.round(us));
}

/** One way over tcp://: OpenWire marshal, half a round trip, unmarshal; an ObjectMessage is always serialized. */
export function tcpHopUs(costs: CostModel, sizeBytes: number, type: MessageType): number {
  let us = costs.lanRoundTripUs / 2 + 2 * perKiBUs(costs.marshalNsPerKiB, sizeBytes);
  if (type === 'object') us += perKiBUs(costs.objectSerializationNsPerKiB, sizeBytes);
  return Math.max(1, Math.round(us));
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
