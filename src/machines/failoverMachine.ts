import { assign, setup } from 'xstate';

/** A client's `failover:` transport options (W:failover-transport-reference); delays in microseconds. */
export interface FailoverInput {
  /** Wait before the first reconnect attempt after a failure (`initialReconnectDelay`, 10 ms). */
  initialReconnectDelayUs: number;
  /** Cap on the wait between two attempts (`maxReconnectDelay`, 30 s). */
  maxReconnectDelayUs: number;
  /** Growth of the wait after each failed attempt (`backOffMultiplier`, 2). */
  backOffMultiplier: number;
  /** Grow the wait after each failed attempt; if false it stays `initialReconnectDelay` (true). */
  useExponentialBackOff: boolean;
  /** Failed attempts before giving up (`maxReconnectAttempts`); -1 retries forever (the default). */
  maxReconnectAttempts: number;
  /** False for a plain `tcp://` transport: a broken or refused connection fails at once, for good. */
  reconnect: boolean;
}

export interface FailoverContext extends FailoverInput {
  /** Failed connect attempts since the last connection (or START). */
  attempt: number;
  /** Wait in `backoff` before the next attempt. */
  delayUs: number;
  /** How long the last failed attempt itself took; `backoff` waits that on top of `delayUs`. */
  attemptUs: number;
  /** Broker of the current connection, or of the last one once disconnected; null before the first. */
  broker: string | null;
}

export type FailoverEvent =
  | { type: 'START' }
  /** The engine's answer to `attemptConnect`: connected to `broker`. */
  | { type: 'CONNECTED'; broker: string }
  /**
   * The engine's answer to `attemptConnect`: no broker of the list accepted the connection;
   * `attemptUs`: how long trying them took (the engine answers at the attempt's start).
   */
  | { type: 'CONNECT_FAILED'; attemptUs: number }
  /** The connection broke (reset seen, or a silent peer caught by the inactivity monitor). */
  | { type: 'TRANSPORT_FAILED' }
  | { type: 'STOP' };

/** The effects the engine applies (the machine's named actions). */
export type FailoverEffect = 'attemptConnect' | 'onConnected' | 'onDisconnected' | 'onGaveUp';

/** The states the engine reads from `snapshot.value`. */
export type FailoverState = 'stopped' | 'connecting' | 'connected' | 'backoff' | 'failed';

/**
 * Client `failover:` transport (W:failover-transport-reference, FailoverTransport). The first
 * connect is immediate. After a broken connection the client waits `initialReconnectDelay`, then
 * tries the broker list; each failed attempt multiplies the wait by `backOffMultiplier` up to
 * `maxReconnectDelay` (or keeps it constant without `useExponentialBackOff`). With the defaults,
 * attempts after a failure at t=0 fall at 10, 30, 70, ..., 10230, 20470, 40950 ms, then every
 * 30 s, when attempts take no time. An attempt does take time (FailoverTransport.doReconnect
 * tries every broker of the list, then sleeps): the engine says how long with CONNECT_FAILED,
 * and `backoff` waits that first, so each failed attempt pushes every later one further.
 * After `maxReconnectAttempts` failed attempts (if >= 0) it gives up and reports the error.
 * A plain `tcp://` transport (`reconnect` false) gives up at the first failure.
 *
 * Effects, named actions that do nothing here: the engine steps the machine with xstate's pure
 * transition and applies them, in order, after the new snapshot is committed:
 * - `attemptConnect` on entering `connecting`; the engine answers `CONNECTED` or `CONNECT_FAILED`.
 * - `onConnected` on entering `connected` (context.broker is already set).
 * - `onDisconnected` on the `connected` -> `backoff` transition caused by `TRANSPORT_FAILED`
 *   (not on STOP).
 * - `onGaveUp` on entering `failed`.
 * STOP from any state returns to `stopped` without an effect and cancels a pending reconnect.
 */
export const failoverMachine = setup({
  types: {
    input: {} as FailoverInput,
    context: {} as FailoverContext,
    events: {} as FailoverEvent,
  },
  actions: {
    attemptConnect: () => {},
    onConnected: () => {},
    onDisconnected: () => {},
    onGaveUp: () => {},
  } satisfies Record<FailoverEffect, () => void>,
  guards: {
    attemptsExhausted: ({ context }) =>
      !context.reconnect ||
      (context.maxReconnectAttempts >= 0 && context.attempt + 1 >= context.maxReconnectAttempts),
    noReconnect: ({ context }) => !context.reconnect,
  },
  delays: {
    reconnectDelay: ({ context }) => context.attemptUs + context.delayUs,
  },
}).createMachine({
  id: 'failover',
  context: ({ input }) => ({
    ...input,
    attempt: 0,
    delayUs: input.initialReconnectDelayUs,
    attemptUs: 0,
    broker: null,
  }),
  initial: 'stopped',
  states: {
    stopped: {
      on: {
        START: { target: 'connecting', actions: assign(resetBackOff) },
      },
    },
    connecting: {
      entry: 'attemptConnect',
      on: {
        CONNECTED: {
          target: 'connected',
          actions: assign(({ context, event }) => ({ ...resetBackOff({ context }), broker: event.broker })),
        },
        CONNECT_FAILED: [
          { guard: 'attemptsExhausted', target: 'failed', actions: assign(countFailure) },
          {
            target: 'backoff',
            actions: assign(({ context, event }) => ({
              ...countFailure({ context }),
              delayUs: nextDelayMs(context),
              attemptUs: event.attemptUs,
            })),
          },
        ],
        STOP: 'stopped',
      },
    },
    connected: {
      entry: 'onConnected',
      on: {
        TRANSPORT_FAILED: [
          { guard: 'noReconnect', target: 'failed', actions: 'onDisconnected' },
          {
            target: 'backoff',
            actions: [
              'onDisconnected',
              assign(({ context }) => ({ delayUs: context.initialReconnectDelayUs, attemptUs: 0 })),
            ],
          },
        ],
        STOP: 'stopped',
      },
    },
    backoff: {
      after: { reconnectDelay: 'connecting' },
      on: {
        STOP: 'stopped',
      },
    },
    failed: {
      entry: 'onGaveUp',
      on: {
        START: { target: 'connecting', actions: assign(resetBackOff) },
        STOP: 'stopped',
      },
    },
  },
});

/** @private A fresh start or a successful connection: no failures, the initial wait. */
function resetBackOff({ context }: { context: FailoverContext }): Partial<FailoverContext> {
  return { attempt: 0, delayUs: context.initialReconnectDelayUs, attemptUs: 0 };
}

/** @private One more failed connect attempt. */
function countFailure({ context }: { context: FailoverContext }): Partial<FailoverContext> {
  return { attempt: context.attempt + 1 };
}

/** @private The wait after one more failed attempt (FailoverTransport: `reconnectDelay *= backOffMultiplier`). */
function nextDelayMs(context: FailoverContext): number {
  if (!context.useExponentialBackOff) return context.initialReconnectDelayUs;
  return Math.min(context.delayUs * context.backOffMultiplier, context.maxReconnectDelayUs);
}
