import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type FailoverInput, failoverMachine } from '../../../src/machines/failoverMachine.js';
import { TestClock } from '../../support/testClock.js';

/** ActiveMQ's defaults (W:failover-transport-reference). */
const DEFAULTS: FailoverInput = {
  initialReconnectDelayUs: 10,
  maxReconnectDelayUs: 30_000,
  backOffMultiplier: 2,
  useExponentialBackOff: true,
  maxReconnectAttempts: -1,
  reconnect: true,
};

type Effect = 'attemptConnect' | 'onConnected' | 'onDisconnected' | 'onGaveUp';

/**
 * A failover transport on a test clock. Unless `net.silent`, each `attemptConnect` is answered at
 * once: CONNECTED to `net.broker` when it is set, CONNECT_FAILED (the attempt having taken
 * `net.attemptUs`) otherwise. Effects are logged as
 * `effect@ms`.
 */
function startClient(input: Partial<FailoverInput> = {}) {
  const clock = new TestClock();
  const net: { broker: string | null; silent: boolean; attemptUs: number } = {
    broker: null,
    silent: false,
    attemptUs: 0,
  };
  const log: string[] = [];
  const record = (effect: Effect) => () => {
    log.push(`${effect}@${clock.now()}`);
  };
  const machine = failoverMachine.provide({
    actions: {
      attemptConnect: ({ self }) => {
        record('attemptConnect')();
        if (net.silent) return;
        self.send(
          net.broker === null
            ? { type: 'CONNECT_FAILED', attemptUs: net.attemptUs }
            : { type: 'CONNECTED', broker: net.broker },
        );
      },
      onConnected: record('onConnected'),
      onDisconnected: record('onDisconnected'),
      onGaveUp: record('onGaveUp'),
    },
  });
  const actor = createActor(machine, { input: { ...DEFAULTS, ...input }, clock }).start();
  const count = (effect: Effect) => log.filter((entry) => entry.startsWith(`${effect}@`)).length;
  const attemptTimes = () =>
    log.filter((entry) => entry.startsWith('attemptConnect@')).map((entry) => Number(entry.split('@')[1]));
  return { actor, clock, net, log, count, attemptTimes, state: () => actor.getSnapshot().value };
}

/** A client connected to broker `a` at t=0 whose broker then dies: connects will fail from now on. */
function connectedThenBrokerDies(input: Partial<FailoverInput> = {}) {
  const c = startClient(input);
  c.net.broker = 'a';
  c.actor.send({ type: 'START' });
  expect(c.state()).toBe('connected');
  c.net.broker = null;
  c.log.length = 0;
  c.actor.send({ type: 'TRANSPORT_FAILED' });
  return c;
}

describe('failoverMachine', () => {
  it('starts stopped with attempt 0, the initial delay and no broker', () => {
    const c = startClient();
    expect(c.state()).toBe('stopped');
    expect(c.actor.getSnapshot().context).toEqual({
      ...DEFAULTS,
      attempt: 0,
      delayUs: 10,
      attemptUs: 0,
      broker: null,
    });
    expect(c.log).toEqual([]);
  });

  it('START connects at once; CONNECTED stores the broker and runs onConnected', () => {
    const c = startClient();
    c.net.broker = 'tcp://a';
    c.actor.send({ type: 'START' });
    expect(c.state()).toBe('connected');
    expect(c.log).toEqual(['attemptConnect@0', 'onConnected@0']);
    expect(c.actor.getSnapshot().context).toMatchObject({ broker: 'tcp://a', attempt: 0, delayUs: 10 });
  });

  it('waits in connecting until the engine answers', () => {
    const c = startClient();
    c.net.silent = true;
    c.actor.send({ type: 'START' });
    c.clock.advanceTo(1e9);
    expect(c.state()).toBe('connecting');
    c.actor.send({ type: 'CONNECTED', broker: 'b' });
    expect(c.state()).toBe('connected');
    expect(c.log).toEqual(['attemptConnect@0', 'onConnected@1000000000']);
  });

  it('a transport failure runs onDisconnected and waits exactly initialReconnectDelay', () => {
    const c = connectedThenBrokerDies();
    expect(c.state()).toBe('backoff');
    expect(c.log).toEqual(['onDisconnected@0']);
    expect(c.actor.getSnapshot().context).toMatchObject({ attempt: 0, delayUs: 10, broker: 'a' });
    c.clock.advanceTo(9.999);
    expect(c.state()).toBe('backoff');
    expect(c.count('attemptConnect')).toBe(0);
    c.net.broker = 'b';
    c.clock.advanceTo(10);
    expect(c.state()).toBe('connected');
    expect(c.log).toEqual(['onDisconnected@0', 'attemptConnect@10', 'onConnected@10']);
    expect(c.actor.getSnapshot().context.broker).toBe('b');
  });

  it("reconnects at ActiveMQ's default back-off times while no broker accepts (MODEL.md)", () => {
    const c = connectedThenBrokerDies();
    c.clock.advanceTo(200_000);
    expect(c.attemptTimes()).toEqual([
      10, 30, 70, 150, 310, 630, 1270, 2550, 5110, 10230, 20470,
      // the wait doubles once more to 20480 ms, then stays at maxReconnectDelay
      40950, 70950, 100950, 130950, 160950, 190950,
    ]);
    expect(c.state()).toBe('backoff');
    expect(c.actor.getSnapshot().context).toMatchObject({ attempt: 17, delayUs: 30_000 });
    expect(c.count('onGaveUp')).toBe(0);
  });

  it('measures each wait from the CONNECT_FAILED answer, not from the attempt', () => {
    const clock = new TestClock();
    const attempts: number[] = [];
    const machine = failoverMachine.provide({
      actions: {
        attemptConnect: ({ self }) => {
          attempts.push(clock.now());
          clock.setTimeout(() => self.send({ type: 'CONNECT_FAILED', attemptUs: 0 }), 1); // a refused connect takes 1 ms
        },
      },
    });
    const actor = createActor(machine, { input: DEFAULTS, clock }).start();
    actor.send({ type: 'START' });
    clock.advanceTo(200);
    expect(attempts).toEqual([0, 21, 62, 143]);
  });

  it("waits after a failed attempt's own time: the delays add up to the attempts' times (FailoverTransport.doReconnect)", () => {
    // doReconnect tries every broker of the list, then doDelay() sleeps reconnectDelay: an
    // attempt that takes 5 ms pushes every later attempt 5 ms further.
    const c = connectedThenBrokerDies();
    c.net.attemptUs = 5;
    c.clock.advanceTo(2_600);
    expect(c.attemptTimes()).toEqual([10, 35, 80, 165, 330, 655, 1300, 2585]);
  });

  it('a CONNECT_FAILED after START doubles the wait from the initial delay', () => {
    const c = startClient();
    c.actor.send({ type: 'START' });
    c.clock.advanceTo(1_000);
    expect(c.attemptTimes()).toEqual([0, 20, 60, 140, 300, 620]);
  });

  it('without useExponentialBackOff the wait stays initialReconnectDelay', () => {
    const c = connectedThenBrokerDies({ useExponentialBackOff: false, initialReconnectDelayUs: 100 });
    c.clock.advanceTo(650);
    expect(c.attemptTimes()).toEqual([100, 200, 300, 400, 500, 600]);
    expect(c.actor.getSnapshot().context.delayUs).toBe(100);
  });

  it('honours backOffMultiplier and maxReconnectDelay', () => {
    const c = connectedThenBrokerDies({ backOffMultiplier: 3, maxReconnectDelayUs: 500 });
    c.clock.advanceTo(2_000);
    expect(c.attemptTimes()).toEqual([10, 40, 130, 400, 900, 1400, 1900]);
  });

  it('maxReconnectAttempts=3 gives up after the third failed attempt', () => {
    const c = connectedThenBrokerDies({ maxReconnectAttempts: 3 });
    c.clock.advanceTo(69.999);
    expect(c.state()).toBe('backoff');
    c.clock.advanceTo(70);
    expect(c.state()).toBe('failed');
    expect(c.log).toEqual([
      'onDisconnected@0',
      'attemptConnect@10',
      'attemptConnect@30',
      'attemptConnect@70',
      'onGaveUp@70',
    ]);
    expect(c.actor.getSnapshot().context.attempt).toBe(3);
    expect(c.clock.pending()).toBe(0);
    c.clock.advanceTo(1e9);
    expect(c.count('attemptConnect')).toBe(3);
  });

  it('maxReconnectAttempts=0 gives up after the first failed attempt', () => {
    const c = startClient({ maxReconnectAttempts: 0 });
    c.actor.send({ type: 'START' });
    expect(c.state()).toBe('failed');
    expect(c.log).toEqual(['attemptConnect@0', 'onGaveUp@0']);
  });

  it('a connection resets the attempt count and the delay', () => {
    const c = connectedThenBrokerDies({ maxReconnectAttempts: 3 });
    c.clock.advanceTo(30);
    expect(c.actor.getSnapshot().context).toMatchObject({ attempt: 2, delayUs: 40 });
    c.net.broker = 'b';
    c.clock.advanceTo(70);
    expect(c.state()).toBe('connected');
    expect(c.actor.getSnapshot().context).toMatchObject({ attempt: 0, delayUs: 10, broker: 'b' });
    c.net.broker = null;
    c.actor.send({ type: 'TRANSPORT_FAILED' });
    c.clock.advanceTo(1_000);
    expect(c.attemptTimes()).toEqual([10, 30, 70, 80, 100, 140]);
    expect(c.state()).toBe('failed');
  });

  it('START after giving up tries again with a fresh count', () => {
    const c = connectedThenBrokerDies({ maxReconnectAttempts: 2 });
    c.clock.advanceTo(100);
    expect(c.state()).toBe('failed');
    c.actor.send({ type: 'START' });
    expect(c.actor.getSnapshot().context).toMatchObject({ attempt: 1, delayUs: 20 });
    c.clock.advanceTo(120);
    expect(c.state()).toBe('failed');
    expect(c.attemptTimes()).toEqual([10, 30, 100, 120]);
    expect(c.count('onGaveUp')).toBe(2);
  });

  it('STOP in backoff cancels the pending reconnect', () => {
    const c = connectedThenBrokerDies();
    c.clock.advanceTo(5);
    c.actor.send({ type: 'STOP' });
    expect(c.state()).toBe('stopped');
    expect(c.clock.pending()).toBe(0);
    c.clock.advanceTo(1e9);
    expect(c.log).toEqual(['onDisconnected@0']);
  });

  /** A client driven into `state`; in `connecting` the engine has not answered yet. */
  function clientIn(state: 'stopped' | 'connecting' | 'connected' | 'backoff' | 'failed') {
    if (state === 'backoff') return connectedThenBrokerDies();
    const c = startClient({ maxReconnectAttempts: 1 });
    c.net.silent = state === 'connecting';
    c.net.broker = state === 'connected' ? 'a' : null;
    if (state !== 'stopped') c.actor.send({ type: 'START' });
    expect(c.state()).toBe(state);
    return c;
  }

  it.each(['stopped', 'connecting', 'connected', 'backoff', 'failed'] as const)(
    'STOP in %s -> stopped without an effect or a pending timer',
    (from) => {
      const c = clientIn(from);
      const before = [...c.log];
      c.actor.send({ type: 'STOP' });
      expect(c.state()).toBe('stopped');
      expect(c.clock.pending()).toBe(0);
      c.clock.advanceTo(1e9);
      expect(c.log).toEqual(before);
    },
  );

  it('ignores events that have no transition in the current state', () => {
    const c = startClient();
    c.net.broker = 'a';
    c.actor.send({ type: 'CONNECT_FAILED', attemptUs: 0 });
    c.actor.send({ type: 'TRANSPORT_FAILED' });
    c.actor.send({ type: 'CONNECTED', broker: 'x' });
    expect(c.state()).toBe('stopped');
    c.actor.send({ type: 'START' });
    c.actor.send({ type: 'START' });
    c.actor.send({ type: 'CONNECT_FAILED', attemptUs: 0 });
    expect(c.state()).toBe('connected');
    expect(c.log).toEqual(['attemptConnect@0', 'onConnected@0']);
  });

  it('is deterministic: the same script gives the same snapshot and effect log', () => {
    const run = () => {
      const c = connectedThenBrokerDies({ maxReconnectAttempts: 20 });
      c.clock.advanceTo(5_000);
      c.net.broker = 'b';
      c.clock.advanceTo(6_000);
      c.net.broker = null;
      c.actor.send({ type: 'TRANSPORT_FAILED' });
      c.clock.advanceTo(7_777.5);
      return JSON.stringify({ snapshot: c.actor.getPersistedSnapshot(), log: c.log });
    };
    const first = run();
    expect(first).toContain('"broker":"b"');
    expect(run()).toBe(first);
  });
});

describe('a plain tcp:// transport (reconnect false)', () => {
  it('gives up at once when its connection breaks: no reconnect attempt', () => {
    const c = connectedThenBrokerDies({ reconnect: false });
    expect(c.state()).toBe('failed');
    expect(c.log).toEqual(['onDisconnected@0', 'onGaveUp@0']);
    c.clock.advance(60_000);
    expect(c.count('attemptConnect')).toBe(0);
  });

  it('gives up at once when its first connect is refused, and connects again on START', () => {
    const c = startClient({ reconnect: false });
    c.actor.send({ type: 'START' });
    expect(c.state()).toBe('failed');
    c.net.broker = 'a';
    c.actor.send({ type: 'START' });
    expect(c.state()).toBe('connected');
  });
});
