/**
 * Where a copy is in its journey: one state per copy (CopyTable.state), changed only here, and
 * only along the moves below; anything else stops the run. How durable the copy is (its journal
 * record: queued, writing, written, synced) is the other, independent column (Journal).
 *
 *   Arriving -> Accepted (a broker took it) | Free (lost on the way, or a duplicate)
 *   Accepted -> Journaling (waits for its fsync) | Pending | Dispatched | Forwarding
 *   Journaling -> Accepted (its batch is synced)
 *   Pending -> Dispatched | Forwarding
 *   Dispatched -> Acking (the consumer is done) | Held (done; its session acknowledges later)
 *              | Redelivering (the consumer left)
 *   Held -> Acking (the session's acknowledge() / commit()) | Redelivering (the consumer left)
 *   Acking -> Redelivering (its ack was lost with the connection)
 *   Redelivering | Forwarding (its bridge broke) -> Pending | Dispatched | Forwarding
 *   any state at a broker -> Stored (its broker died; the store keeps it) -> Pending (recovered)
 *   any state -> Free (settled: acknowledged, forwarded, dropped, dead-lettered)
 */
import type { CopyTable } from './messages.js';

export const CopyState = {
  Free: 0,
  /** On a wire from a producer or over a bridge to `broker`. */
  Arriving: 1,
  /**
   * The broker has it and is deciding where it goes (within one handler), or, with `periodic` or
   * `never`, its journal record waits for room in the next batch (Journal.Blocked).
   */
  Accepted: 2,
  /** Queued in the broker's journal; accepted once its batch is synced (`always`). */
  Journaling: 3,
  /** In a broker's pending queue, waiting for a consumer or a bridge with room. */
  Pending: 4,
  /** At a consumer (`consumer`), in its prefetch window or in onMessage. */
  Dispatched: 5,
  /** The consumer is done; its ack is on the way. */
  Acking: 6,
  /** Forwarded over a bridge; this source copy waits for the far side to store it. */
  Forwarding: 7,
  /** Its consumer let go of it; the redelivery delay runs. */
  Redelivering: 8,
  /** In the store of a broker that died; waits for the next broker to open the store. */
  Stored: 9,
  /**
   * Processed by its consumer, not yet acknowledged: a CLIENT_ACKNOWLEDGE, DUPS_OK or transacted
   * session acknowledges (commits) a batch at a time.
   */
  Held: 10,
} as const;
export type CopyState = (typeof CopyState)[keyof typeof CopyState];

const S = CopyState;
const COUNT = 11;
const NAMES = Object.keys(CopyState);

/** @private LEGAL[from * COUNT + to] = 1 for an allowed move. */
const LEGAL = (() => {
  const legal = new Uint8Array(COUNT * COUNT);
  const allow = (from: CopyState[], to: CopyState[]) => {
    for (const f of from) for (const t of to) legal[f * COUNT + t] = 1;
  };
  const atBroker = [
    S.Accepted,
    S.Journaling,
    S.Pending,
    S.Dispatched,
    S.Acking,
    S.Forwarding,
    S.Redelivering,
    S.Held,
  ];
  allow([S.Arriving], [S.Accepted]);
  allow([S.Accepted], [S.Journaling, S.Pending, S.Dispatched, S.Forwarding]);
  allow([S.Journaling], [S.Accepted]);
  allow([S.Pending], [S.Dispatched, S.Forwarding]);
  allow([S.Dispatched], [S.Acking, S.Held, S.Redelivering]);
  allow([S.Held], [S.Acking, S.Redelivering]);
  allow([S.Acking], [S.Redelivering]);
  allow([S.Redelivering, S.Forwarding], [S.Pending, S.Dispatched, S.Forwarding]);
  allow([...atBroker, S.Stored], [S.Stored]);
  allow([S.Stored], [S.Pending]);
  allow([S.Arriving, ...atBroker, S.Stored], [S.Free]);
  return legal;
})();

/** Moves copy `c` to `to`, or stops the run if the move is not one of the legal ones. */
export function moveCopy(copies: CopyTable, c: number, to: CopyState): void {
  const from = copies.state[c]!;
  if (LEGAL[from * COUNT + to] !== 1)
    throw new Error(`copy ${c}: illegal move ${NAMES[from]} -> ${NAMES[to]} (stamp ${copies.stamp[c]})`);
  copies.state[c] = to;
}

/** Held by its broker (in memory, in the journal queue or in the store), not on a wire. */
export function isAtBroker(state: number): boolean {
  return state >= S.Accepted;
}
