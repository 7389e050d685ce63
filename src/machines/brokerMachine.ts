import { assign, setup } from 'xstate';

/** What the engine gives a broker machine at creation (delays in microseconds). */
export interface BrokerInput {
  /** Must hold the store lock before serving: shared-store, JDBC and replicated master/slave brokers. */
  needsLock: boolean;
  /** Wait between two attempts to take the lock while slave (`lockAcquireSleepInterval`, 10 s). */
  lockPollUs: number;
  /**
   * Wait after taking a lock the broker had found taken, before it recovers: SharedFileLocker
   * sleeps one `lockKeepAlivePeriod` there so that a master that lost the lock notices first
   * (0: no wait; lockers that do not wait get 0 from the HA table).
   */
  lockWaitUs: number;
}

export interface BrokerContext extends BrokerInput {
  /**
   * Store recovery before the transport connectors open (~2 s [est], longer for a big index), as
   * the engine gave it with the event that began this recovery: the engine knows the store.
   */
  recoveryUs: number;
  /** This start found the lock taken at least once (SharedFileLocker's `warned`): a grant now waits `lockWaitUs`. */
  waitedForLock: boolean;
}

export type BrokerEvent =
  /** `recoveryUs`: how long the store recovery takes if the broker recovers without a lock. */
  | { type: 'START'; recoveryUs: number }
  /** The engine's answer to `requestLock`; `recoveryUs`: how long the store recovery takes. */
  | { type: 'LOCK_GRANTED'; recoveryUs: number }
  | { type: 'LOCK_BUSY' }
  | { type: 'CRASH' }
  /** Clean shutdown. */
  | { type: 'STOP' };

/** The effects the engine applies (the machine's named actions). */
export type BrokerEffect = 'requestLock' | 'beginRecovery' | 'becomeActive';

/** The states the engine reads from `snapshot.value`. */
export type BrokerState =
  | 'stopped'
  | 'acquiringLock'
  | 'slave'
  | 'lockWait'
  | 'recovering'
  | 'active'
  | 'crashed';

/**
 * Broker lifecycle of an ActiveMQ Classic broker (W:shared-file-system-master-slave,
 * W:pluggable-storage-lockers). A master/slave broker must take the store lock before it serves:
 * the first to get it recovers the store and becomes master; the others stay slave and retry
 * every `lockAcquireSleepInterval`. A slave that then gets the lock waits `lockWaitUs` in
 * `lockWait` before it recovers (SharedFileLocker.doStart sleeps one lockKeepAlivePeriod after
 * a lock it had to wait for; a lock taken at the first attempt starts at once). A broker that
 * needs no lock (embedded, network-of-brokers peer) goes straight to store recovery. Only an
 * `active` broker has its connectors open.
 *
 * Effects, named actions that do nothing here: the engine steps the machine with xstate's pure
 * transition and applies them, in order, after the new snapshot is committed:
 * - `requestLock` on entering `acquiringLock`; the engine answers `LOCK_GRANTED` or `LOCK_BUSY`.
 * - `beginRecovery` on entering `recovering`; `recovery` (context.recoveryUs) later, `active`.
 *   The recovery time comes with LOCK_GRANTED even when `lockWait` comes first: nothing writes
 *   to a store whose lock this broker holds while it waits.
 * - `becomeActive` on entering `active`.
 * Lock release on STOP or CRASH is the engine's business (immediate, after a lease, or never).
 * A CRASH or STOP cancels a pending lock poll, lock wait or recovery.
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
  } satisfies Record<BrokerEffect, () => void>,
  guards: {
    needsLock: ({ context }) => context.needsLock,
    waitsAfterLock: ({ context }) => context.waitedForLock && context.lockWaitUs > 0,
  },
  delays: {
    lockPoll: ({ context }) => context.lockPollUs,
    lockWait: ({ context }) => context.lockWaitUs,
    recovery: ({ context }) => context.recoveryUs,
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => ({ ...input, recoveryUs: 0, waitedForLock: false }),
  initial: 'stopped',
  states: {
    stopped: {
      on: {
        START: [
          { guard: 'needsLock', target: 'acquiringLock', actions: assign({ waitedForLock: false }) },
          { target: 'recovering', actions: assign(takeRecovery) },
        ],
      },
    },
    acquiringLock: {
      entry: 'requestLock',
      on: {
        LOCK_GRANTED: [
          { guard: 'waitsAfterLock', target: 'lockWait', actions: assign(takeRecovery) },
          { target: 'recovering', actions: assign(takeRecovery) },
        ],
        LOCK_BUSY: { target: 'slave', actions: assign({ waitedForLock: true }) },
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
    lockWait: {
      after: { lockWait: 'recovering' },
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
        START: [
          { guard: 'needsLock', target: 'acquiringLock', actions: assign({ waitedForLock: false }) },
          { target: 'recovering', actions: assign(takeRecovery) },
        ],
      },
    },
  },
});

/** @private The recovery time the engine gave with the event that begins a recovery. */
function takeRecovery({ event }: { event: BrokerEvent }): Partial<BrokerContext> {
  return event.type === 'START' || event.type === 'LOCK_GRANTED' ? { recoveryUs: event.recoveryUs } : {};
}
