import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type BridgeInput, bridgeMachine } from '../../../src/machines/bridgeMachine.js';
import { TestClock } from '../../support/testClock.js';

/** W:networks-of-brokers: 1 s doubling to 30 s. */
const DEFAULTS: BridgeInput = { initialReconnectDelayUs: 1_000, maxReconnectDelayUs: 30_000 };

type Effect = 'attemptConnect' | 'onActive' | 'onFailed';

/**
 * A bridge on a test clock. Unless `net.silent`, each `attemptConnect` is answered at once:
 * CONNECTED when `net.remoteUp`, CONNECT_FAILED otherwise. Effects are logged as `effect@ms`.
 */
function startBridge(input: BridgeInput = DEFAULTS) {
  const clock = new TestClock();
  const net = { remoteUp: false, silent: false };
  const log: string[] = [];
  const record = (effect: Effect) => () => {
    log.push(`${effect}@${clock.now()}`);
  };
  const machine = bridgeMachine.provide({
    actions: {
      attemptConnect: ({ self }) => {
        record('attemptConnect')();
        if (!net.silent) self.send({ type: net.remoteUp ? 'CONNECTED' : 'CONNECT_FAILED' });
      },
      onActive: record('onActive'),
      onFailed: record('onFailed'),
    },
  });
  const actor = createActor(machine, { input, clock }).start();
  const attemptTimes = () =>
    log.filter((entry) => entry.startsWith('attemptConnect@')).map((entry) => Number(entry.split('@')[1]));
  return { actor, clock, net, log, attemptTimes, state: () => actor.getSnapshot().value };
}

/** A bridge that came up at t=0 and whose remote broker then died. */
function activeThenRemoteDies() {
  const b = startBridge();
  b.net.remoteUp = true;
  b.actor.send({ type: 'START' });
  expect(b.state()).toBe('active');
  b.net.remoteUp = false;
  b.log.length = 0;
  b.actor.send({ type: 'FAILED' });
  return b;
}

describe('bridgeMachine', () => {
  it('starts down with the initial delay and runs no effect', () => {
    const b = startBridge();
    expect(b.state()).toBe('down');
    expect(b.actor.getSnapshot().context).toEqual({ ...DEFAULTS, delayUs: 1_000 });
    expect(b.log).toEqual([]);
  });

  it('START connects at once; CONNECTED makes it active and runs onActive', () => {
    const b = startBridge();
    b.net.remoteUp = true;
    b.actor.send({ type: 'START' });
    expect(b.state()).toBe('active');
    expect(b.log).toEqual(['attemptConnect@0', 'onActive@0']);
  });

  it('waits in connecting until the engine answers', () => {
    const b = startBridge();
    b.net.silent = true;
    b.actor.send({ type: 'START' });
    b.clock.advanceTo(1e9);
    expect(b.state()).toBe('connecting');
    b.actor.send({ type: 'CONNECTED' });
    expect(b.state()).toBe('active');
  });

  it('a failure runs onFailed and waits exactly initialReconnectDelay', () => {
    const b = activeThenRemoteDies();
    expect(b.state()).toBe('backoff');
    expect(b.log).toEqual(['onFailed@0']);
    b.clock.advanceTo(999.999);
    expect(b.state()).toBe('backoff');
    b.net.remoteUp = true;
    b.clock.advanceTo(1_000);
    expect(b.state()).toBe('active');
    expect(b.log).toEqual(['onFailed@0', 'attemptConnect@1000', 'onActive@1000']);
  });

  it('reconnects forever, 1 s doubling to 30 s', () => {
    const b = activeThenRemoteDies();
    b.clock.advanceTo(150_000);
    expect(b.attemptTimes()).toEqual([1_000, 3_000, 7_000, 15_000, 31_000, 61_000, 91_000, 121_000]);
    b.clock.advanceTo(10_000_000);
    expect(b.state()).toBe('backoff');
    expect(b.actor.getSnapshot().context.delayUs).toBe(30_000);
  });

  it('a connection resets the delay', () => {
    const b = activeThenRemoteDies();
    b.clock.advanceTo(7_000);
    expect(b.actor.getSnapshot().context.delayUs).toBe(8_000);
    b.net.remoteUp = true;
    b.clock.advanceTo(15_000);
    expect(b.state()).toBe('active');
    expect(b.actor.getSnapshot().context.delayUs).toBe(1_000);
    b.net.remoteUp = false;
    b.actor.send({ type: 'FAILED' });
    b.clock.advanceTo(20_000);
    expect(b.attemptTimes()).toEqual([1_000, 3_000, 7_000, 15_000, 16_000, 18_000]);
  });

  /** A bridge driven into `state`; in `connecting` the engine has not answered yet. */
  function bridgeIn(state: 'down' | 'connecting' | 'active' | 'backoff') {
    if (state === 'backoff') return activeThenRemoteDies();
    const b = startBridge();
    b.net.silent = state === 'connecting';
    b.net.remoteUp = state === 'active';
    if (state !== 'down') b.actor.send({ type: 'START' });
    expect(b.state()).toBe(state);
    return b;
  }

  it.each(['down', 'connecting', 'active', 'backoff'] as const)(
    'STOP in %s -> down without an effect or a pending timer',
    (from) => {
      const b = bridgeIn(from);
      const before = [...b.log];
      b.actor.send({ type: 'STOP' });
      expect(b.state()).toBe('down');
      expect(b.clock.pending()).toBe(0);
      b.clock.advanceTo(1e9);
      expect(b.log).toEqual(before);
    },
  );

  it('STOP in backoff cancels the pending reconnect; START afterwards connects at once', () => {
    const b = activeThenRemoteDies();
    b.clock.advanceTo(500);
    b.actor.send({ type: 'STOP' });
    b.clock.advanceTo(5_000);
    expect(b.attemptTimes()).toEqual([]);
    b.actor.send({ type: 'START' });
    expect(b.attemptTimes()).toEqual([5_000]);
    b.clock.advanceTo(6_000);
    expect(b.attemptTimes()).toEqual([5_000]);
    b.clock.advanceTo(7_000);
    expect(b.attemptTimes()).toEqual([5_000, 7_000]);
  });

  it('ignores events that have no transition in the current state', () => {
    const b = startBridge();
    for (const type of ['CONNECTED', 'CONNECT_FAILED', 'FAILED', 'STOP'] as const) b.actor.send({ type });
    expect(b.state()).toBe('down');
    b.net.remoteUp = true;
    b.actor.send({ type: 'START' });
    b.actor.send({ type: 'START' });
    b.actor.send({ type: 'CONNECT_FAILED' });
    expect(b.state()).toBe('active');
    expect(b.log).toEqual(['attemptConnect@0', 'onActive@0']);
  });

  it('is deterministic: the same script gives the same snapshot and effect log', () => {
    const run = () => {
      const b = activeThenRemoteDies();
      b.clock.advanceTo(20_000);
      b.net.remoteUp = true;
      b.clock.advanceTo(40_000);
      b.net.remoteUp = false;
      b.actor.send({ type: 'FAILED' });
      b.clock.advanceTo(44_444.25);
      return JSON.stringify({ snapshot: b.actor.getPersistedSnapshot(), log: b.log });
    };
    const first = run();
    expect(first).toContain('"value":"backoff"');
    expect(run()).toBe(first);
  });
});
