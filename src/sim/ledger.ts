/**
 * The fate of every message (../shared/DESIGN.md): delivered, lost (the producer was told the
 * send succeeded and no copy is left), stranded (in a store that is down at the end), in flight,
 * send failed (the producer was told, and it never left), outcome unknown (the producer stopped
 * waiting after it went out, and no copy is left), dead-lettered, or discarded (a topic message
 * with no subscriber). Duplicates and redeliveries are counted beside the fates.
 *
 * Sends with an unknown outcome are their own category, as in Jepsen's queue checker: each ends
 * recovered (delivered after all), gone (the `unknown` fate) or still held (stranded, in flight
 * or dead-lettered at the end), never counted as sent or failed.
 */
import { Ack, Outcome } from './messages.js';
import { unmarkStored } from './storage.js';
import type { World } from './world.js';

export class Ledger {
  /** send() calls. */
  sent = 0;
  /** Extra messages made by topic fan-out (one per subscriber beyond the first). */
  fanout = 0;
  delivered = 0;
  lost = 0;
  stranded = 0;
  inFlight = 0;
  sendFailed = 0;
  /** Fate: the send's outcome was unknown to the producer and no copy is left. */
  unknown = 0;
  deadLettered = 0;
  discarded = 0;
  /** Deliveries to the application beyond the first, over all messages. */
  duplicates = 0;
  redeliveries = 0;
  /** Copies sent over a network bridge. */
  forwarded = 0;
  /** In flight at the end, waiting in a broker that has no consumer and may not forward (stuck). */
  stuck = 0;
  /** Lost messages that were persistent (the guarantee most users mean). */
  lostPersistent = 0;
  /** Sends that ended without an answer after they went out (Ack.Unknown). */
  outcomeUnknown = 0;
  /** Of those: delivered after all (Jepsen's "recovered"). */
  recovered = 0;
  /** Of those: stranded, in flight or dead-lettered at the end (a copy is still held). */
  unknownHeld = 0;

  /** sent + fanout == the sum of the fates: checked at the end of every run. */
  conservationError(): string | undefined {
    const fates =
      this.delivered +
      this.lost +
      this.stranded +
      this.inFlight +
      this.sendFailed +
      this.unknown +
      this.deadLettered +
      this.discarded;
    if (fates !== this.sent + this.fanout) {
      return `message conservation broken: sent ${this.sent} + fan-out ${this.fanout} != fates ${fates}`;
    }
    if (this.outcomeUnknown !== this.recovered + this.unknown + this.unknownHeld) {
      return `unknown outcomes broken: ${this.outcomeUnknown} sends != recovered ${this.recovered} + gone ${this.unknown} + held ${this.unknownHeld}`;
    }
    for (const [name, value] of Object.entries(this)) {
      if (typeof value === 'number' && value < 0) return `negative count ${name} = ${value}`;
    }
    return undefined;
  }
}

/** A copy is gone (acked, dropped or destroyed); `fault` is the fault that destroyed it, or -1. */
export function dropCopy(w: World, c: number, fault: number): void {
  const m = w.copies.message[c]!;
  unmarkStored(w, c);
  w.copies.free(c);
  if (fault >= 0) w.messages.fault[m] = fault;
  w.messages.holders[m]!--;
  settleIfDone(w, m);
}

/** The producer lets go of a message (its send returned, failed, or its process died). */
export function releaseHold(w: World, m: number): void {
  w.messages.holders[m]!--;
  settleIfDone(w, m);
}

/** The application processed a copy: the first time is a delivery, later ones are duplicates. */
export function recordDelivery(w: World, m: number, startUs: number): void {
  const n = ++w.messages.deliveries[m]!;
  if (n === 1) {
    const created = w.messages.createdUs[m]!;
    if (created >= w.topology.simulation.warmupUs) w.metrics.latency.record(startUs - created);
    return;
  }
  w.ledger.duplicates++;
  const fault = w.messages.fault[m]!;
  if (fault >= 0) w.faults[fault]!.duplicated++;
}

function settleIfDone(w: World, m: number): void {
  const msgs = w.messages;
  if (msgs.holders[m]! > 0) return;
  const ledger = w.ledger;
  const unknown = msgs.acked[m] === Ack.Unknown;
  // A dead-lettered message was never processed to the end, however often onMessage started.
  if (msgs.outcome[m] === Outcome.DeadLetter) {
    ledger.deadLettered++;
    if (unknown) ledger.unknownHeld++;
  } else if (msgs.deliveries[m]! > 0) settleDelivered(w, m);
  else if (msgs.outcome[m] === Outcome.Discarded) {
    // Reached a topic nobody subscribed to: settled, like a dead letter, whatever its producer knew.
    ledger.discarded++;
    if (unknown) ledger.unknownHeld++;
  } else if (msgs.acked[m] === Ack.Ok) {
    ledger.lost++;
    if (msgs.persistent[m]) ledger.lostPersistent++;
    const fault = msgs.fault[m]!;
    if (fault >= 0) w.faults[fault]!.lost++;
  } else if (unknown) ledger.unknown++;
  else ledger.sendFailed++;
  msgs.pool.release(m);
}

/** Delivered: and, if its producer had stopped waiting for an answer, recovered. */
export function settleDelivered(w: World, m: number): void {
  w.ledger.delivered++;
  if (w.messages.acked[m] === Ack.Unknown) w.ledger.recovered++;
}
