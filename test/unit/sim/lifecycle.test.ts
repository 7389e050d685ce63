import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { EventQueue } from '../../../src/sim/eventQueue.js';
import { Ev } from '../../../src/sim/events.js';
import { newLifecycle, onLifecycleTimer, sendLifecycle, stateOf } from '../../../src/sim/lifecycle.js';
import { TransitionMemo } from '../../../src/sim/transitionMemo.js';
import type { World } from '../../../src/sim/world.js';

/** A door that can be opened, closes itself after 250 us, and asks to be checked when opened. */
const door = setup({
  types: {
    events: {} as { type: 'OPEN' } | { type: 'CHECKED' } | { type: 'LOCK' },
    context: {} as { opened: number },
  },
  actions: { check: () => {} },
  delays: { autoClose: 250 },
}).createMachine({
  id: 'door',
  context: { opened: 0 },
  initial: 'closed',
  states: {
    closed: {
      on: {
        OPEN: { target: 'open', actions: assign({ opened: ({ context }) => context.opened + 1 }) },
        LOCK: 'locked',
      },
    },
    open: { entry: 'check', after: { autoClose: 'closed' }, on: { CHECKED: 'checked', LOCK: 'locked' } },
    checked: { after: { autoClose: 'closed' } },
    locked: {},
  },
});

function world(): World {
  return {
    queue: new EventQueue(16),
    now: 0,
    lifecycles: [],
    transitions: new TransitionMemo(),
  } as unknown as World;
}

function doorOn(w: World, onCheck: (log: string[]) => void = () => {}) {
  const log: string[] = [];
  const l = newLifecycle(w, door, undefined, (effect: 'check') => {
    log.push(`${effect} in ${stateOf(l)}`);
    if (effect === 'check') onCheck(log);
  });
  return { l, log };
}

/** Pops every due event up to `untilUs` and hands lifecycle timers to the lifecycle. */
function advance(w: World, untilUs: number): void {
  while (w.queue.peekTime() <= untilUs) {
    w.queue.pop();
    w.now = w.queue.time;
    expect(w.queue.kind).toBe(Ev.Timer);
    onLifecycleTimer(w, w.queue.a, w.queue.b);
  }
}

describe('lifecycle (machines stepped with the pure transition)', () => {
  it('refuses a machine with initial effects (there is no step to apply them after)', () => {
    const entered = setup({ actions: { hello: () => {} } }).createMachine({
      id: 'x',
      initial: 'a',
      states: { a: { entry: 'hello' } },
    });
    expect(() => newLifecycle(world(), entered, undefined, () => {})).toThrow('initial actions');
  });

  it('runs no effect at creation and starts in the initial state', () => {
    const w = world();
    const { l, log } = doorOn(w);
    expect(stateOf(l)).toBe('closed');
    expect(log).toEqual([]);
    expect(w.lifecycles).toEqual([l]);
  });

  it('applies effects after the new snapshot is committed', () => {
    const w = world();
    const { l, log } = doorOn(w);
    sendLifecycle(w, l, { type: 'OPEN' });
    expect(log).toEqual(['check in open']);
    expect(l.snapshot.context.opened).toBe(1);
  });

  it('an event sent from an effect waits until the step is done (an actor mailbox)', () => {
    const w = world();
    const { l, log } = doorOn(w, (entries) => {
      sendLifecycle(w, l, { type: 'CHECKED' });
      entries.push(`after send: ${stateOf(l)}`);
    });
    sendLifecycle(w, l, { type: 'OPEN' });
    expect(log).toEqual(['check in open', 'after send: open']);
    expect(stateOf(l)).toBe('checked');
  });

  it('puts delayed events on the engine queue in microseconds and cancels them on exit', () => {
    const w = world();
    const { l } = doorOn(w);
    w.now = 1_000;
    sendLifecycle(w, l, { type: 'OPEN' });
    expect(w.queue.size).toBe(1);
    expect(w.queue.peekTime()).toBe(1_250);
    advance(w, 1_249);
    expect(stateOf(l)).toBe('open');
    advance(w, 1_250);
    expect(stateOf(l)).toBe('closed');
    sendLifecycle(w, l, { type: 'OPEN' });
    sendLifecycle(w, l, { type: 'LOCK' });
    expect(l.timers).toEqual([]);
    advance(w, 10_000);
    expect(stateOf(l)).toBe('locked');
  });

  it('drops an event the state does not handle without stepping', () => {
    const w = world();
    const { l } = doorOn(w);
    const before = l.snapshot;
    sendLifecycle(w, l, { type: 'CHECKED' });
    expect(l.snapshot).toBe(before);
  });

  it('lets an exception from an effect escape (nothing is swallowed)', () => {
    const w = world();
    const l = newLifecycle(w, door, undefined, () => {
      throw new Error('effect failed');
    });
    expect(() => sendLifecycle(w, l, { type: 'OPEN' })).toThrow('effect failed');
  });
});
