/** PairDeque: a FIFO of (slot, generation) pairs in a ring buffer that wraps and grows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairDeque } from '../../../src/sim/deque.js';
import { JournalQueue } from '../../../src/sim/journalQueue.js';

type Op = { kind: 'push'; slot: number; gen: number } | { kind: 'shift' } | { kind: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('push' as const), slot: fc.nat(), gen: fc.integer() }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'shift' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

describe('PairDeque', () => {
  it('behaves as an array of pairs through wrap-around and growth, from any initial capacity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(opArb, { maxLength: 300 }), (capacity, ops) => {
        const deque = new PairDeque(capacity);
        const model: [number, number][] = [];
        for (const op of ops) {
          if (op.kind === 'push') {
            deque.push(op.slot, op.gen);
            model.push([op.slot, op.gen]);
          } else if (op.kind === 'shift') {
            if (model.length === 0) continue;
            deque.shift();
            model.shift();
          } else {
            deque.clear();
            model.length = 0;
          }
          expect(deque.length).toBe(model.length);
          if (model.length > 0) expect([deque.frontSlot(), deque.frontGen()]).toEqual(model[0]);
          const seen: [number, number][] = [];
          deque.forEach((slot, gen) => {
            seen.push([slot, gen]);
          });
          expect(seen).toEqual(model);
          expect(model.map((_, k) => [deque.slotAt(k), deque.genAt(k)])).toEqual(model);
        }
      }),
    );
  });

  it("JournalQueue keeps each record's bytes with its entry through wrap-around and growth (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(opArb, { maxLength: 300 }), (capacity, ops) => {
        const queue = new JournalQueue(capacity);
        const model: [number, number, number][] = [];
        for (const op of ops) {
          if (op.kind === 'push') {
            queue.pushRecord(op.slot, op.gen, op.slot % 5_000);
            model.push([op.slot, op.gen, op.slot % 5_000]);
          } else if (op.kind === 'shift') {
            if (model.length === 0) continue;
            queue.shift();
            model.shift();
          } else {
            queue.clear();
            model.length = 0;
          }
          expect(model.map((_, k) => [queue.slotAt(k), queue.genAt(k), queue.bytesAt(k)])).toEqual(model);
        }
      }),
    );
  });
});
