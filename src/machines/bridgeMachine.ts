import { assign, setup } from 'xstate';

/** A network bridge's reconnect options (W:networks-of-brokers); delays in microseconds. */
export interface BridgeInput {
  /** Wait before the first reconnect attempt after a failure (1 s). */
  initialReconnectDelayUs: number;
  /** Cap on the wait between two attempts (30 s). */
  maxReconnectDelayUs: number;
}

export interface BridgeContext extends BridgeInput {
  /** Wait in `backoff` before the next attempt. */
  delayUs: number;
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

/** The effects the engine applies (the machine's named actions). */
export type BridgeEffect = 'attemptConnect' | 'onActive' | 'onFailed';

/** The states the engine reads from `snapshot.value`. */
export type BridgeState = 'down' | 'connecting' | 'active' | 'backoff';

/** @private A bridge doubles its wait after each failed attempt (W:networks-of-brokers). */
const BACK_OFF_MULTIPLIER = 2;

/**
 * Network-of-brokers bridge (W:networks-of-brokers, DiscoveryNetworkConnector with its
 * reconnecting discovery agent): a store-and-forward connection from one broker to another that
 * reconnects forever, 1 s after a failure, then doubling up to 30 s.
 *
 * Effects, named actions that do nothing here: the engine steps the machine with xstate's pure
 * transition and applies them, in order, after the new snapshot is committed:
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
  } satisfies Record<BridgeEffect, () => void>,
  delays: {
    reconnectDelay: ({ context }) => context.delayUs,
  },
}).createMachine({
  id: 'bridge',
  context: ({ input }) => ({ ...input, delayUs: input.initialReconnectDelayUs }),
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
            delayUs: Math.min(context.delayUs * BACK_OFF_MULTIPLIER, context.maxReconnectDelayUs),
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
  return { delayUs: context.initialReconnectDelayUs };
}
