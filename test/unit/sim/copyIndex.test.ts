import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyIndex } from '../../../src/sim/copyIndex.js';

describe('CopyIndex', () => {
  it("lists an owner's copies lowest slot first, whatever order they joined in", () => {
    const index = new CopyIndex(8);
    for (const c of [5, 1, 7, 3]) index.set(c, 2);
    index.set(4, 1);
    expect(index.members(2)).toEqual([1, 3, 5, 7]);
    expect(index.members(1)).toEqual([4]);
    expect(index.members(0)).toEqual([]);
  });

  it('moves a copy between owners and drops it with -1', () => {
    const index = new CopyIndex(4);
    index.set(0, 1);
    index.set(1, 1);
    index.set(0, 2);
    expect(index.members(1)).toEqual([1]);
    expect(index.members(2)).toEqual([0]);
    index.set(1, -1);
    expect(index.members(1)).toEqual([]);
  });

  it('agrees with a plain scan after any sequence of moves, across growth (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.integer({ min: -1, max: 5 })), { maxLength: 200 }),
        (moves) => {
          const index = new CopyIndex(2);
          let capacity = 2;
          const owner = new Map<number, number>();
          for (const [c, o] of moves) {
            while (c >= capacity) {
              capacity *= 2;
              index.grow(capacity);
            }
            index.set(c, o);
            owner.set(c, o);
          }
          for (let o = 0; o <= 5; o++) {
            const scan = [...owner]
              .filter(([, x]) => x === o)
              .map(([c]) => c)
              .sort((a, b) => a - b);
            expect(index.members(o)).toEqual(scan);
          }
        },
      ),
      { seed: 20261130 },
    );
  });
});
