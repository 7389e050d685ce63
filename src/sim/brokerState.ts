/** A broker's lifecycle state, read from its machine's snapshot (the only copy of it). */
import type { BrokerState } from '../machines/brokerMachine.js';
import type { BrokerRt } from './world.js';

export function brokerState(b: BrokerRt): BrokerState {
  return b.lifecycle.snapshot.value as BrokerState;
}

/** Serving: its connectors are open. */
export function isActive(b: BrokerRt): boolean {
  return b.lifecycle.snapshot.value === 'active';
}

/** Out of service until started again: crashed or stopped. */
export function isDown(b: BrokerRt): boolean {
  const s = b.lifecycle.snapshot.value;
  return s === 'crashed' || s === 'stopped';
}
