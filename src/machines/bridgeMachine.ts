import { assign, setup } from 'xstate';

/** A network bridge's reconnect options (W:networks-of-brokers); delays in milliseconds. */
export interface BridgeInput {
  /** Wait before the first reconnect attempt after a failure (1 s). */
  initialReconnectDelayMs: number;
  /** Cap on the wait between two attempts (30 s). */
  maxReconnectDelayMs: number;
}

export interface BridgeContext extends BridgeInput {
  /** Wait in `backoff` before the next attempt. */
  delayMs: number;
}

export type BridgeEvent =
  | { type: 'START' }
  /** The engine's answer to `attemptConnect`: the bridge to the remote broker is up. */
  | { type: 'CONNECTED' }
  /** The engine's answer to `attemptConnect`: the remote broker did not accept the bridge. */
  | { type: 'CONNECT_FAILED' }
  /** The bridge connection broke. */
  | { type: 'FAILED' }
  | { type: 'STOP' };

/** The states the engine reads from `snapshot.value`. */
export type BridgeState = 'down' | 'connecting' | 'active' | 'backoff';

/** @private A bridge doubles its wait after each failed attempt (W:networks-of-brokers). */
const BACK_OFF_MULTIPLIER = 2;

/**
 * Network-of-brokers bridge (W:networks-of-brokers, DiscoveryNetworkConnector with its
 * reconnecting discovery agent): a store-and-forward connection from one broker to another that
 * reconnects forever, 1 s after a failure, then doubling up to 30 s.
 *
 * Effects, overridden by the engine with `.provide()`:
 * - `attemptConnect` on entering `connecting`; the engine answers `CONNECTED` or `CONNECT_FAILED`.
 * - `onActive` on entering `active`.
 * - `onFailed` on the `active` -> `backoff` transition caused by `FAILED` (not on STOP).
 * STOP from any state returns to `down` without an effect and cancels a pending reconnect.
 */
export const bridgeMachine = setup({
  types: {
    input: {} as BridgeInput,
    context: {} as BridgeContext,
    events: {} as BridgeEvent,
  },
  actions: {
    attemptConnect: () => {},
    onActive: () => {},
    onFailed: () => {},
  },
  delays: {
    reconnectDelay: ({ context }) => context.delayMs,
  },
}).createMachine({
  id: 'bridge',
  context: ({ input }) => ({ ...input, delayMs: input.initialReconnectDelayMs }),
  initial: 'down',
  states: {
    down: {
      on: {
        START: { target: 'connecting', actions: assign(resetDelay) },
      },
    },
    connecting: {
      entry: 'attemptConnect',
      on: {
        CONNECTED: { target: 'active', actions: assign(resetDelay) },
        CONNECT_FAILED: {
          target: 'backoff',
          actions: assign(({ context }) => ({
            delayMs: Math.min(context.delayMs * BACK_OFF_MULTIPLIER, context.maxReconnectDelayMs),
          })),
        },
        STOP: 'down',
      },
    },
    active: {
      entry: 'onActive',
      on: {
        FAILED: { target: 'backoff', actions: ['onFailed', assign(resetDelay)] },
        STOP: 'down',
      },
    },
    backoff: {
      after: { reconnectDelay: 'connecting' },
      on: {
        STOP: 'down',
      },
    },
  },
});

/** @private Back to the initial wait: a fresh start, a connection, or the failure of one. */
function resetDelay({ context }: { context: BridgeContext }): Partial<BridgeContext> {
  return { delayMs: context.initialReconnectDelayMs };
}
