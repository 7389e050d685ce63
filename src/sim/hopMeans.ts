/**
 * The mean one-way hop costs of a producer's messages (costs.ts), worked out once per producer
 * when the world is built: they depend only on the cost model, the message's size and type and
 * the embedded hop settings, all fixed for a run, and the per-message path would otherwise redo
 * the arithmetic (and the message-type test) for every hop.
 */
import type { Producer, Topology } from '../topology/types.js';
import { tcpHopUs, vmHopUs, vmSenderUs } from './costs.js';

export interface HopMeans {
  /** Producer to its broker over vm:// (NaN when the topology has no embedded brokers). */
  vmSend: number;
  /** The sending thread's own part of vmSend (costs.ts vmSenderUs; NaN without embedded brokers). */
  vmSender: number;
  /** Producer to its broker over tcp://. */
  tcpSend: number;
  /** Broker to a consumer over vm:// (NaN when the topology has no embedded brokers). */
  vmDeliver: number;
  /** Broker to a consumer over tcp://. */
  tcpDeliver: number;
  /** Broker to broker over a network bridge. */
  forward: number;
}

export function hopMeans(t: Topology, spec: Producer): HopMeans {
  const { costs, embedded } = t;
  const size = spec.sizeBytes;
  const type = spec.messageType;
  return {
    vmSend: embedded ? vmHopUs(costs, size, type, embedded, 'send') : Number.NaN,
    vmSender: embedded ? vmSenderUs(costs, size, type, embedded) : Number.NaN,
    tcpSend: tcpHopUs(costs, size, type, 'send'),
    vmDeliver: embedded ? vmHopUs(costs, size, type, embedded, 'deliver') : Number.NaN,
    tcpDeliver: tcpHopUs(costs, size, type, 'deliver'),
    forward: tcpHopUs(costs, size, type, 'forward'),
  };
}
