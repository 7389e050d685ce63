import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/sim/eventQueue.js';
import { WHEEL_SPAN_US } from '../../../src/sim/timeWheel.js';

interface Entry {
  time: number;
  kind: number;
  a: number;
  b: number;
}

/** Pops everything, returning the entries in pop order. */
function drain(queue: EventQueue): Entry[] {
  const out: Entry[] = [];
  while (queue.pop()) out.push({ time: queue.time, kind: queue.kind, a: queue.a, b: queue.b });
  return out;
}

/** The model: a plain array kept sorted by time, a new entry going after every equal time. */
class SortedModel {
  private readonly entries: Entry[] = [];
  push(entry: Entry): void {
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1]!.time > entry.time) i--;
    this.entries.splice(i, 0, entry);
  }
  pop(): Entry | undefined {
    return this.entries.shift();
  }
  peekTime(): number {
    return this.entries[0]?.time ?? Number.POSITIVE_INFINITY;
  }
  get size(): number {
    return this.entries.length;
  }
}

function drainModel(model: SortedModel): Entry[] {
  const rest: Entry[] = [];
  for (let e = model.pop(); e; e = model.pop()) rest.push(e);
  return rest;
}

type Op = { op: 'push'; time: number } | { op: 'pop' };

/**
 * Times around the time wheel's window (timeWheel.ts), which moves with the pops: inside it, just
 * beyond it, behind it, at fractions of a microsecond (which the wheel leaves to the heap), and
 * past 2^32 (where a ring position is no longer the time's low bits in an int32).
 */
const wheelTimeArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 3 * WHEEL_SPAN_US }),
  fc.integer({ min: 0, max: 3 * WHEEL_SPAN_US }).map((t) => t + 0.5),
  fc.integer({ min: WHEEL_SPAN_US - 3, max: WHEEL_SPAN_US + 3 }),
  fc.integer({ min: 0, max: 3 * WHEEL_SPAN_US }).map((t) => 2 ** 40 + t),
);

/** Few distinct times, so that ties are common and the seq tie-break is exercised. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 20 }).map((time) => ({ op: 'push' as const, time })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 2 ** 53 - 1 }).map((time) => ({ op: 'push' as const, time })),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'pop' as const }) },
);

/**
 * Runs `ops` on a queue and on the model, comparing every pop and the size after each step, and
 * peekTime too when `peek` (which removes the root a pop left behind, so that no push fills it).
 */
function matchesModel(ops: Op[], capacity: number, peek: boolean): void {
  const queue = new EventQueue(capacity);
  const model = new SortedModel();
  let pushes = 0;
  for (const step of ops) {
    if (step.op === 'push') {
      // a carries the push number, so order among equal times is visible.
      const entry = { time: step.time, kind: pushes % 7, a: pushes, b: 1000 - pushes };
      pushes++;
      queue.push(entry.time, entry.kind, entry.a, entry.b);
      model.push(entry);
    } else {
      const expected = model.pop();
      expect(queue.pop()).toBe(expected !== undefined);
      if (expected) expect({ time: queue.time, kind: queue.kind, a: queue.a, b: queue.b }).toEqual(expected);
    }
    expect(queue.size).toBe(model.size);
    if (peek) expect(queue.peekTime()).toBe(model.peekTime());
  }
  const rest: Entry[] = [];
  for (let e = model.pop(); e; e = model.pop()) rest.push(e);
  expect(drain(queue)).toEqual(rest);
}

describe('EventQueue', () => {
  it('matches a sorted-array model for any sequence of pushes and pops (ties in push order)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (ops, capacity) =>
        matchesModel(ops, capacity, true),
      ),
    );
  });

  it('matches the model when pushes follow pops directly (a push fills the popped root)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (ops, capacity) =>
        matchesModel(ops, capacity, false),
      ),
    );
  });

  it('matches the model with times spread around the time wheel window, ties and fractions included', () => {
    const wheelOpArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: wheelTimeArb.map((time) => ({ op: 'push' as const, time })) },
      { weight: 2, arbitrary: fc.constant({ op: 'pop' as const }) },
    );
    fc.assert(
      fc.property(fc.array(wheelOpArb, { maxLength: 400 }), fc.boolean(), (ops, peek) =>
        matchesModel(ops, 4, peek),
      ),
    );
  });

  it('pops a simulation-like agenda in (time, push order): each pop schedules the next events from its time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.array(wheelTimeArb, { maxLength: 4 })), { maxLength: 300 }),
        (steps) => {
          const queue = new EventQueue(2);
          const model = new SortedModel();
          let pushes = 0;
          const schedule = (time: number) => {
            queue.push(time, 0, pushes, 0);
            model.push({ time, kind: 0, a: pushes, b: 0 });
            pushes++;
          };
          schedule(0);
          let now = 0;
          for (const [pops, delays] of steps) {
            for (let i = 0; i < pops; i++) {
              const expected = model.pop();
              expect(queue.pop()).toBe(expected !== undefined);
              if (!expected) break;
              expect([queue.time, queue.a]).toEqual([expected.time, expected.a]);
              now = expected.time;
            }
            for (const delay of delays) schedule(now + delay);
          }
          expect(drain(queue)).toEqual(drainModel(model));
        },
      ),
    );
  });

  it('pops all pushed entries in nondecreasing time, equal times in push order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 2000 }), (times) => {
        const queue = new EventQueue(4);
        times.forEach((time, i) => {
          queue.push(time, 0, i, 0);
        });
        const popped = drain(queue);
        expect(popped.length).toBe(times.length);
        for (let i = 1; i < popped.length; i++) {
          const prev = popped[i - 1]!;
          const cur = popped[i]!;
          expect(prev.time < cur.time || (prev.time === cur.time && prev.a < cur.a)).toBe(true);
        }
      }),
    );
  });

  it('grows far beyond its initial capacity and keeps every payload', () => {
    const queue = new EventQueue(2);
    const n = 100_000;
    // Times descending, so every push sifts to the root.
    for (let i = 0; i < n; i++) queue.push(n - i, i % 5, i, i * 2);
    expect(queue.size).toBe(n);
    const popped = drain(queue);
    expect(popped.length).toBe(n);
    expect(popped[0]).toEqual({ time: 1, kind: (n - 1) % 5, a: n - 1, b: 2 * (n - 1) });
    expect(popped[n - 1]).toEqual({ time: n, kind: 0, a: 0, b: 0 });
    expect(popped.every((e, i) => e.time === i + 1 && e.a === n - 1 - i && e.b === 2 * e.a)).toBe(true);
  });

  it('keeps 100,000 events due at one microsecond in push order (a crash redelivers a backlog at once)', () => {
    const queue = new EventQueue(2);
    const n = 100_000;
    for (let i = 0; i < n; i++) queue.push(7, 0, i, 0);
    const popped = drain(queue);
    expect(popped.length).toBe(n);
    expect(popped.every((e, i) => e.time === 7 && e.a === i)).toBe(true);
  });

  it('carries full int32 payloads and times up to 2^53', () => {
    const queue = new EventQueue();
    queue.push(2 ** 53 - 1, -(2 ** 31), 2 ** 31 - 1, -1);
    queue.push(0, 3, 4, 5);
    expect(drain(queue)).toEqual([
      { time: 0, kind: 3, a: 4, b: 5 },
      { time: 2 ** 53 - 1, kind: -(2 ** 31), a: 2 ** 31 - 1, b: -1 },
    ]);
  });

  it('is empty after clear and still pops new ties in push order', () => {
    const queue = new EventQueue(2);
    for (let i = 0; i < 10; i++) queue.push(5, 0, i, 0);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
    expect(queue.pop()).toBe(false);
    queue.push(7, 1, 100, 0);
    queue.push(7, 1, 101, 0);
    queue.push(6, 1, 102, 0);
    expect(drain(queue).map((e) => e.a)).toEqual([102, 100, 101]);
  });

  it('leaves the last popped fields alone when pop finds it empty', () => {
    const queue = new EventQueue();
    queue.push(9, 8, 7, 6);
    expect(queue.pop()).toBe(true);
    expect(queue.pop()).toBe(false);
    expect([queue.time, queue.kind, queue.a, queue.b]).toEqual([9, 8, 7, 6]);
  });

  it('rejects NaN and infinite times', () => {
    const queue = new EventQueue();
    expect(() => queue.push(Number.NaN, 0, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(Number.POSITIVE_INFINITY, 0, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(Number.NEGATIVE_INFINITY, 0, 0, 0)).toThrow(RangeError);
    expect(queue.size).toBe(0);
  });
});
