import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { EventQueue } from '../../../src/sim/eventQueue.js';
import { SimClock } from '../../../src/sim/simClock.js';

const TIMER = 9;

/** A minimal engine: the queue, a clock on it, and a loop that advances time and fires timers. */
function world() {
  const queue = new EventQueue(4);
  let nowUs = 0;
  const clock = new SimClock(queue, TIMER, () => nowUs);
  const fired: string[] = [];
  const at = (label: string) => () => fired.push(`${label}@${nowUs}`);
  const run = (untilUs = Number.POSITIVE_INFINITY) => {
    while (queue.peekTime() <= untilUs && queue.pop()) {
      expect(queue.time).toBeGreaterThanOrEqual(nowUs);
      nowUs = queue.time;
      if (queue.kind === TIMER) clock.fire(queue.a);
    }
  };
  return { queue, clock, fired, at, run, now: () => nowUs };
}

describe('SimClock', () => {
  it('fires timers in time order at the microsecond they are due', () => {
    const { clock, fired, at, run } = world();
    clock.setTimeout(at('c'), 3);
    clock.setTimeout(at('a'), 0.25);
    clock.setTimeout(at('b'), 1);
    run();
    expect(fired).toEqual(['a@250', 'b@1000', 'c@3000']);
  });

  it('rounds fractional milliseconds to the nearest microsecond and treats negative delays as now', () => {
    const { clock, fired, at, run } = world();
    clock.setTimeout(at('tiny'), 0.0006);
    clock.setTimeout(at('less'), 0.0004);
    clock.setTimeout(at('neg'), -5);
    clock.setTimeout(at('nan'), Number.NaN);
    run();
    expect(fired).toEqual(['less@0', 'neg@0', 'nan@0', 'tiny@1']);
  });

  it('measures delays from the current simulated time', () => {
    const { clock, fired, at, run } = world();
    clock.setTimeout(() => {
      fired.push('outer');
      clock.setTimeout(at('inner'), 2);
    }, 5);
    run();
    expect(fired).toEqual(['outer', 'inner@7000']);
  });

  it('never fires a cleared timer', () => {
    const { clock, fired, at, run } = world();
    const a = clock.setTimeout(at('a'), 1);
    clock.setTimeout(at('b'), 2);
    const c = clock.setTimeout(at('c'), 3);
    clock.clearTimeout(a);
    clock.clearTimeout(c);
    clock.clearTimeout(12345);
    expect(clock.pendingCount).toBe(1);
    run();
    expect(fired).toEqual(['b@2000']);
    expect(clock.pendingCount).toBe(0);
  });

  it('fires timers due at the same microsecond in the order they were set', () => {
    const { clock, fired, at, run } = world();
    for (const label of ['x', 'y', 'z', 'w']) clock.setTimeout(at(label), 2);
    clock.setTimeout(at('early'), 1);
    run();
    expect(fired).toEqual(['early@1000', 'x@2000', 'y@2000', 'z@2000', 'w@2000']);
  });

  it('hands out counter ids and fires each timer once', () => {
    const { clock, fired, at } = world();
    const ids = [clock.setTimeout(at('a'), 1), clock.setTimeout(at('b'), 1)];
    expect(ids).toEqual([1, 2]);
    clock.fire(1);
    clock.fire(1);
    expect(fired).toEqual(['a@0']);
  });

  it("drives an xstate actor's delayed transitions on simulated time", () => {
    const { clock, run, now } = world();
    const machine = createMachine({
      initial: 'connecting',
      states: {
        connecting: { after: { 1500: 'backOff' } },
        backOff: { after: { 0.5: 'connected' } },
        connected: {},
      },
    });
    const seen: string[] = [];
    const actor = createActor(machine, { clock });
    actor.subscribe((snapshot) => seen.push(`${String(snapshot.value)}@${now()}`));
    actor.start();
    run(1_000_000);
    expect(actor.getSnapshot().value).toBe('connecting');
    run();
    expect(seen).toEqual(['connecting@0', 'backOff@1500000', 'connected@1500500']);
    actor.stop();
  });
});
