import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeWheel, WHEEL_SPAN_US } from '../../../src/sim/timeWheel.js';

/** Ring position -> due time within the window starting at `base`. */
const timeAt = (base: number, p: number): number => base + ((p - base) & (WHEEL_SPAN_US - 1));

describe('TimeWheel', () => {
  it('takes integer times inside [base, base + span) only', () => {
    const wheel = new TimeWheel(4);
    wheel.advance(1_000);
    expect(wheel.fits(1_000)).toBe(true);
    expect(wheel.fits(1_000 + WHEEL_SPAN_US - 1)).toBe(true);
    expect(wheel.fits(1_000 + WHEEL_SPAN_US)).toBe(false);
    expect(wheel.fits(999)).toBe(false);
    expect(wheel.fits(1_000.5)).toBe(false);
  });

  it('takes early times again once cleared', () => {
    const wheel = new TimeWheel(4);
    wheel.advance(1_000_000);
    wheel.add(1_000_000, 0);
    wheel.clear();
    expect(wheel.count).toBe(0);
    expect(wheel.fits(0)).toBe(true);
  });

  it('never moves its window back, and starts it at a whole microsecond', () => {
    const wheel = new TimeWheel(4);
    wheel.advance(10.7);
    expect(wheel.base).toBe(10);
    wheel.advance(3);
    expect(wheel.base).toBe(10);
  });

  it('finds the earliest busy microsecond across the ring wrap, each list in push order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 34 }),
        fc.array(fc.integer({ min: 0, max: WHEEL_SPAN_US - 1 }), { minLength: 1, maxLength: 60 }),
        (base, offsets) => {
          const wheel = new TimeWheel(offsets.length);
          wheel.advance(base);
          offsets.forEach((offset, slot) => {
            wheel.add(base + offset, slot);
          });
          const expected = offsets
            .map((offset, slot) => ({ time: base + offset, slot }))
            .sort((x, y) => x.time - y.time || x.slot - y.slot);
          for (const e of expected) {
            const p = wheel.firstPosition();
            expect([timeAt(wheel.base, p), wheel.frontAt(p)]).toEqual([e.time, e.slot]);
            wheel.removeFrontAt(p);
            wheel.advance(e.time);
          }
          expect(wheel.count).toBe(0);
        },
      ),
    );
  });
});
