import { assign, setup } from 'xstate';

/** What the engine gives a broker actor at creation (all delays in milliseconds, fractions allowed). */
export interface BrokerInput {
  /** Must hold the store lock before serving: shared-store, JDBC and replicated master/slave brokers. */
  needsLock: boolean;
  /** Wait between two attempts to take the lock while slave (`lockAcquireSleepInterval`, 10 s). */
  lockPollMs: number;
  /** Store recovery before the transport connectors open (~2 s [est], longer for a big index). */
  recoveryMs: number;
}

export type BrokerContext = BrokerInput;

export type BrokerEvent =
  | { type: 'START' }
  | { type: 'LOCK_GRANTED' }
  | { type: 'LOCK_BUSY' }
  | { type: 'CRASH' }
  /** Clean shutdown. */
  | { type: 'STOP' }
  /** Changes the recovery time of the next recovery (a pending one keeps its delay). */
  | { type: 'SET_RECOVERY'; recoveryMs: number };

/** The states the engine reads from `snapshot.value`. */
export type BrokerState = 'stopped' | 'acquiringLock' | 'slave' | 'recovering' | 'active' | 'crashed';

/**
 * Broker lifecycle of an ActiveMQ Classic broker (W:shared-file-system-master-slave,
 * W:pluggable-storage-lockers). A master/slave broker must take the store lock before it serves:
 * the first to get it recovers the store and becomes master; the others stay slave and retry
 * every `lockAcquireSleepInterval`. A broker that needs no lock (embedded, network-of-brokers
 * peer) goes straight to store recovery. Only an `active` broker has its connectors open.
 *
 * Effects, in the order xstate runs them, all overridden by the engine with `.provide()`:
 * - `requestLock` on entering `acquiringLock`; the engine answers `LOCK_GRANTED` or `LOCK_BUSY`.
 * - `beginRecovery` on entering `recovering`; `recovery` (context.recoveryMs) later, `active`.
 * - `becomeActive` on entering `active`.
 * Lock release on STOP or CRASH is the engine's business (immediate, after a lease, or never).
 * A CRASH or STOP cancels a pending lock poll or recovery.
 */
export const brokerMachine = setup({
  types: {
    input: {} as BrokerInput,
    context: {} as BrokerContext,
    events: {} as BrokerEvent,
  },
  actions: {
    requestLock: () => {},
    beginRecovery: () => {},
    becomeActive: () => {},
  },
  guards: {
    needsLock: ({ context }) => context.needsLock,
  },
  delays: {
    lockPoll: ({ context }) => context.lockPollMs,
    recovery: ({ context }) => context.recoveryMs,
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => ({ ...input }),
  initial: 'stopped',
  on: {
    SET_RECOVERY: { actions: assign({ recoveryMs: ({ event }) => event.recoveryMs }) },
  },
  states: {
    stopped: {
      on: {
        START: [{ guard: 'needsLock', target: 'acquiringLock' }, { target: 'recovering' }],
      },
    },
    acquiringLock: {
      entry: 'requestLock',
      on: {
        LOCK_GRANTED: 'recovering',
        LOCK_BUSY: 'slave',
        CRASH: 'crashed',
        STOP: 'stopped',
      },
    },
    slave: {
      after: { lockPoll: 'acquiringLock' },
      on: {
        CRASH: 'crashed',
        STOP: 'stopped',
      },
    },
    recovering: {
      entry: 'beginRecovery',
      after: { recovery: 'active' },
      on: {
        CRASH: 'crashed',
        STOP: 'stopped',
      },
    },
    active: {
      entry: 'becomeActive',
      on: {
        CRASH: 'crashed',
        STOP: 'stopped',
      },
    },
    crashed: {
      on: {
        START: [{ guard: 'needsLock', target: 'acquiringLock' }, { target: 'recovering' }],
      },
    },
  },
});
