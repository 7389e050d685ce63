import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type BrokerEvent, type BrokerInput, brokerMachine } from '../../../src/machines/brokerMachine.js';
import { TestClock } from '../../support/testClock.js';

const SHARED_STORE: BrokerInput = { needsLock: true, lockPollUs: 10_000, lockWaitUs: 0 };
const EMBEDDED: BrokerInput = { needsLock: false, lockPollUs: 10_000, lockWaitUs: 0 };
/** SharedFileLocker with lockKeepAlivePeriod 6 s (times here are microseconds, scaled down). */
const KEEP_ALIVE_US = 6_000;
const SHARED_FILE_KEEP_ALIVE: BrokerInput = {
  needsLock: true,
  lockPollUs: 10_000,
  lockWaitUs: KEEP_ALIVE_US,
};
/** Store recovery, given with the event that begins it (times here are microseconds). */
const RECOVERY_US = 2_000.5;
const START = { type: 'START', recoveryUs: RECOVERY_US } as const;
const LOCK_GRANTED = { type: 'LOCK_GRANTED', recoveryUs: RECOVERY_US } as const;

type Effect = 'requestLock' | 'beginRecovery' | 'becomeActive';

/** A broker actor on a test clock whose effects are logged as `effect@ms`; `onRequestLock` may answer. */
function startBroker(input: BrokerInput, onRequestLock?: (send: (event: BrokerEvent) => void) => void) {
  const clock = new TestClock();
  const log: string[] = [];
  const record = (effect: Effect) => () => {
    log.push(`${effect}@${clock.now()}`);
  };
  const machine = brokerMachine.provide({
    actions: {
      requestLock: ({ self }) => {
        record('requestLock')();
        onRequestLock?.((event) => self.send(event));
      },
      beginRecovery: record('beginRecovery'),
      becomeActive: record('becomeActive'),
    },
  });
  const actor = createActor(machine, { input, clock }).start();
  const count = (effect: Effect) => log.filter((entry) => entry.startsWith(`${effect}@`)).length;
  return { actor, clock, log, count, state: () => actor.getSnapshot().value };
}

describe('brokerMachine', () => {
  it('starts stopped with its input as context and runs no effect', () => {
    const { state, log, actor, clock } = startBroker(SHARED_STORE);
    expect(state()).toBe('stopped');
    expect(actor.getSnapshot().context).toEqual({ ...SHARED_STORE, recoveryUs: 0, waitedForLock: false });
    expect(log).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('a broker without a lock recovers for exactly recoveryUs, then becomes active', () => {
    const b = startBroker(EMBEDDED);
    b.actor.send(START);
    expect(b.state()).toBe('recovering');
    expect(b.log).toEqual(['beginRecovery@0']);
    b.clock.advanceTo(2_000.4);
    expect(b.state()).toBe('recovering');
    b.clock.advanceTo(2_000.5);
    expect(b.state()).toBe('active');
    expect(b.log).toEqual(['beginRecovery@0', 'becomeActive@2000.5']);
    b.clock.advanceTo(1e9);
    expect(b.state()).toBe('active');
    expect(b.log).toHaveLength(2);
  });

  it('a broker that needs the lock asks for it, and recovers once it is granted', () => {
    const b = startBroker(SHARED_STORE);
    b.actor.send(START);
    expect(b.state()).toBe('acquiringLock');
    expect(b.log).toEqual(['requestLock@0']);
    b.clock.advanceTo(5);
    b.actor.send(LOCK_GRANTED);
    expect(b.state()).toBe('recovering');
    b.clock.advanceTo(2_005.5);
    expect(b.state()).toBe('active');
    expect(b.log).toEqual(['requestLock@0', 'beginRecovery@5', 'becomeActive@2005.5']);
  });

  it('a slave polls the lock every lockPollUs exactly', () => {
    const b = startBroker(SHARED_STORE);
    b.actor.send(START);
    b.actor.send({ type: 'LOCK_BUSY' });
    expect(b.state()).toBe('slave');
    b.clock.advanceTo(9_999.999);
    expect(b.state()).toBe('slave');
    expect(b.count('requestLock')).toBe(1);
    b.clock.advanceTo(10_000);
    expect(b.state()).toBe('acquiringLock');
    expect(b.count('requestLock')).toBe(2);
    b.actor.send({ type: 'LOCK_BUSY' });
    b.clock.advanceTo(20_000);
    expect(b.log).toEqual(['requestLock@0', 'requestLock@10000', 'requestLock@20000']);
  });

  it('polls until the lock is free when the engine answers synchronously from requestLock', () => {
    const freeAtMs = 30_000;
    const b = startBroker(SHARED_STORE, (send) => {
      send(b.clock.now() >= freeAtMs ? LOCK_GRANTED : { type: 'LOCK_BUSY' });
    });
    b.actor.send(START);
    expect(b.state()).toBe('slave');
    b.clock.advanceTo(30_000);
    expect(b.log).toEqual([
      'requestLock@0',
      'requestLock@10000',
      'requestLock@20000',
      'requestLock@30000',
      'beginRecovery@30000',
    ]);
    b.clock.advanceTo(32_000.4);
    expect(b.state()).toBe('recovering');
    b.clock.advanceTo(32_000.5);
    expect(b.state()).toBe('active');
  });

  describe('SharedFileLocker: a slave that waited for the lock waits one lockKeepAlivePeriod once it holds it', () => {
    // SharedFileLocker.doStart (5.17): after a failed attempt ("is locked by another server") a
    // later successful lock() sleeps getLockKeepAlivePeriod() before the broker goes on to start,
    // so that a master that lost the lock notices first; a first attempt that succeeds does not.
    it('a first attempt that gets the lock recovers at once, without the wait', () => {
      const b = startBroker(SHARED_FILE_KEEP_ALIVE);
      b.actor.send(START);
      b.actor.send(LOCK_GRANTED);
      expect(b.state()).toBe('recovering');
      expect(b.log).toEqual(['requestLock@0', 'beginRecovery@0']);
    });

    it('a slave that gets the lock at a later poll waits lockWaitUs, then recovers for recoveryUs', () => {
      const b = startBroker(SHARED_FILE_KEEP_ALIVE, (send) =>
        send(b.clock.now() >= 20_000 ? LOCK_GRANTED : { type: 'LOCK_BUSY' }),
      );
      b.actor.send(START);
      b.clock.advanceTo(20_000);
      expect(b.state()).toBe('lockWait');
      b.clock.advanceTo(20_000 + KEEP_ALIVE_US - 0.001);
      expect(b.state()).toBe('lockWait');
      expect(b.count('beginRecovery')).toBe(0);
      b.clock.advanceTo(20_000 + KEEP_ALIVE_US);
      expect(b.state()).toBe('recovering');
      b.clock.advanceTo(20_000 + KEEP_ALIVE_US + RECOVERY_US);
      expect(b.state()).toBe('active');
      expect(b.log).toEqual([
        'requestLock@0',
        'requestLock@10000',
        'requestLock@20000',
        `beginRecovery@${20_000 + KEEP_ALIVE_US}`,
        `becomeActive@${20_000 + KEEP_ALIVE_US + RECOVERY_US}`,
      ]);
    });

    it("lockKeepAlivePeriod 0 (ActiveMQ's KahaDB default) sleeps 0: the slave recovers at once", () => {
      const b = startBroker(SHARED_STORE, (send) =>
        send(b.clock.now() >= 10_000 ? LOCK_GRANTED : { type: 'LOCK_BUSY' }),
      );
      b.actor.send(START);
      b.clock.advanceTo(10_000);
      expect(b.state()).toBe('recovering');
      expect(b.log).toEqual(['requestLock@0', 'requestLock@10000', 'beginRecovery@10000']);
    });

    it('CRASH or STOP during the wait cancels it; a restart that gets the lock at once does not wait', () => {
      for (const end of ['CRASH', 'STOP'] as const) {
        const b = startBroker(SHARED_FILE_KEEP_ALIVE);
        b.actor.send(START);
        b.actor.send({ type: 'LOCK_BUSY' });
        b.clock.advanceTo(10_000);
        b.actor.send(LOCK_GRANTED);
        expect(b.state()).toBe('lockWait');
        b.actor.send({ type: end });
        expect(b.clock.pending()).toBe(0);
        // doStart's "warned" is per start: a new start that locks at its first attempt goes on.
        b.actor.send(START);
        b.actor.send(LOCK_GRANTED);
        expect(b.state()).toBe('recovering');
        expect(b.count('beginRecovery')).toBe(1);
      }
    });
  });

  it('an action sees the previous snapshot; an event it sends is processed after the transition', () => {
    const seen: string[] = [];
    const b = startBroker(SHARED_STORE, (send) => {
      seen.push(`before send: ${String(b.actor.getSnapshot().value)}`);
      send({ type: 'LOCK_BUSY' });
      seen.push(`after send: ${String(b.actor.getSnapshot().value)}`);
    });
    b.actor.send(START);
    expect(seen).toEqual(['before send: stopped', 'after send: stopped']);
    expect(b.state()).toBe('slave');
  });

  const SETTLED = ['acquiringLock', 'slave', 'lockWait', 'recovering', 'active'] as const;

  /** Drives a shared-store broker to `target`, with the lock granted for lockWait/recovering/active. */
  function brokerIn(target: (typeof SETTLED)[number]) {
    const b = startBroker(target === 'lockWait' ? SHARED_FILE_KEEP_ALIVE : SHARED_STORE);
    b.actor.send(START);
    if (target === 'slave' || target === 'lockWait') b.actor.send({ type: 'LOCK_BUSY' });
    if (target === 'lockWait') {
      b.clock.advance(10_000);
      b.actor.send(LOCK_GRANTED);
    }
    if (target === 'recovering' || target === 'active') b.actor.send(LOCK_GRANTED);
    if (target === 'active') b.clock.advance(RECOVERY_US);
    expect(b.state()).toBe(target);
    return b;
  }

  it.each(SETTLED)('CRASH in %s -> crashed, no effect, no pending timer', (from) => {
    const b = brokerIn(from);
    const before = [...b.log];
    b.actor.send({ type: 'CRASH' });
    expect(b.state()).toBe('crashed');
    expect(b.clock.pending()).toBe(0);
    b.clock.advance(1e9);
    expect(b.state()).toBe('crashed');
    expect(b.log).toEqual(before);
  });

  it.each(SETTLED)('STOP in %s -> stopped, no effect, no pending timer', (from) => {
    const b = brokerIn(from);
    const before = [...b.log];
    b.actor.send({ type: 'STOP' });
    expect(b.state()).toBe('stopped');
    expect(b.clock.pending()).toBe(0);
    b.clock.advance(1e9);
    expect(b.state()).toBe('stopped');
    expect(b.log).toEqual(before);
  });

  it('a crash while slave cancels the pending lock poll', () => {
    const b = brokerIn('slave');
    b.clock.advanceTo(9_999);
    b.actor.send({ type: 'CRASH' });
    b.clock.advanceTo(100_000);
    expect(b.state()).toBe('crashed');
    expect(b.log).toEqual(['requestLock@0']);
  });

  it('a crash while recovering cancels the pending activation', () => {
    const b = brokerIn('recovering');
    b.clock.advanceTo(1_000);
    b.actor.send({ type: 'CRASH' });
    b.clock.advanceTo(100_000);
    expect(b.state()).toBe('crashed');
    expect(b.count('becomeActive')).toBe(0);
  });

  it('START after a crash takes the lock again (shared store) or recovers at once (embedded)', () => {
    const shared = brokerIn('active');
    shared.actor.send({ type: 'CRASH' });
    shared.actor.send(START);
    expect(shared.state()).toBe('acquiringLock');
    expect(shared.count('requestLock')).toBe(2);

    const embedded = startBroker(EMBEDDED);
    embedded.actor.send(START);
    embedded.actor.send({ type: 'CRASH' });
    embedded.actor.send(START);
    expect(embedded.state()).toBe('recovering');
    expect(embedded.log).toEqual(['beginRecovery@0', 'beginRecovery@0']);
    expect(embedded.clock.pending()).toBe(1);
  });

  it('START after a clean stop behaves like the first start', () => {
    const b = brokerIn('active');
    b.actor.send({ type: 'STOP' });
    b.actor.send(START);
    expect(b.state()).toBe('acquiringLock');
  });

  it('ignores events that have no transition in the current state', () => {
    const b = startBroker(SHARED_STORE);
    for (const event of [LOCK_GRANTED, { type: 'LOCK_BUSY' }, { type: 'CRASH' }, { type: 'STOP' }] as const)
      b.actor.send(event);
    expect(b.state()).toBe('stopped');
    b.actor.send(START);
    b.actor.send(START);
    expect(b.count('requestLock')).toBe(1);
    const active = brokerIn('active');
    active.actor.send({ type: 'LOCK_BUSY' });
    active.actor.send(START);
    expect(active.state()).toBe('active');
    expect(active.count('becomeActive')).toBe(1);
  });

  it('each recovery takes the time given with the event that began it (START or LOCK_GRANTED)', () => {
    const b = startBroker(EMBEDDED);
    b.actor.send({ type: 'START', recoveryUs: 0 });
    b.clock.advanceTo(0);
    expect(b.state()).toBe('active');
    b.actor.send({ type: 'CRASH' });
    b.actor.send({ type: 'START', recoveryUs: 500 });
    b.clock.advanceTo(499);
    expect(b.state()).toBe('recovering');
    b.clock.advanceTo(500);
    expect(b.state()).toBe('active');
    const locked = startBroker(SHARED_STORE);
    locked.actor.send({ type: 'START', recoveryUs: 1 });
    locked.actor.send({ type: 'LOCK_GRANTED', recoveryUs: 300 });
    locked.clock.advanceTo(299);
    expect(locked.state()).toBe('recovering');
    locked.clock.advanceTo(300);
    expect(locked.state()).toBe('active');
  });

  it('is deterministic: the same script gives the same snapshot and effect log', () => {
    const run = () => {
      const b = startBroker(SHARED_STORE, (send) =>
        send(b.clock.now() < 25_000 ? { type: 'LOCK_BUSY' } : LOCK_GRANTED),
      );
      b.actor.send(START);
      b.clock.advanceTo(50_000);
      b.actor.send({ type: 'CRASH' });
      b.actor.send({ type: 'START', recoveryUs: 750.25 });
      b.clock.advanceTo(60_000);
      return JSON.stringify({ snapshot: b.actor.getPersistedSnapshot(), log: b.log });
    };
    const first = run();
    expect(first).toContain('"value":"active"');
    expect(run()).toBe(first);
  });
});
