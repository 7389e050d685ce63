import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AppEvent, type ProcessLog, realFigures } from '../../../src/verify/figures.js';

const log = (process: string, events: AppEvent[], extra: Partial<ProcessLog> = {}): ProcessLog => ({
  process,
  events,
  affected: false,
  killedAtMs: null,
  ...extra,
});
const send = (seq: number, atMs: number): AppEvent => ({ ev: 'send', seq, atMs, dueMs: atMs });
const sent = (seq: number, atMs: number): AppEvent => ({ ev: 'sent', seq, atMs });
const recv = (seq: number, atMs: number): AppEvent => ({ ev: 'recv', seq, atMs });

describe('realFigures', () => {
  it('gives each message one fate from sequence numbers and acknowledgements', () => {
    const producer = log('orders-0', [
      send(1, 0),
      sent(1, 1),
      send(2, 10),
      sent(2, 11),
      send(3, 20),
      sent(3, 21),
      send(4, 30),
      { ev: 'failed', seq: 4, atMs: 31 },
      send(5, 40),
      send(6, 50),
    ]);
    const consumer = log('billing-0', [recv(1, 5), recv(1, 6), recv(6, 60)]);
    const f = realFigures([producer, consumer], new Set([3]), null, 100);
    expect(f.fates).toEqual({
      sent: 6,
      delivered: 2, // 1 (twice) and 6, which was never answered but arrived
      lost: 1, // 2: acknowledged, found nowhere
      stranded: 1, // 3: found in the store of what stayed down
      duplicated: 1,
      sendFailed: 1,
      outcomeUnknown: 1, // 5
    });
  });

  it('counts what was acknowledged and undelivered when the fault struck as at risk', () => {
    const p = log('orders-0', [send(1, 0), sent(1, 1), send(2, 10), sent(2, 11), send(3, 30), sent(3, 31)]);
    const c = log('billing-0', [recv(1, 5), recv(2, 40), recv(3, 41)]);
    expect(realFigures([p, c], new Set(), 20, 100).atRisk).toBe(1);
  });

  it('ends the failover gap at the first send begun after the fault and acknowledged to an affected producer', () => {
    // Seq 2 was answered by the dying broker just after the kill; seq 3 went through the new master.
    const p = log(
      'orders-0',
      [send(1, 0), sent(1, 1), send(2, 99), sent(2, 101), send(3, 200), sent(3, 2500)],
      {
        affected: true,
      },
    );
    const f = realFigures([p], new Set(), 100, 3000);
    expect(f.failoverUs).toBe(2_400_000);
    expect(f.sendGapUs).toBe(2_300_000);
  });

  it('has no failover gap when no surviving producer used what failed', () => {
    const p = log('orders-0', [send(1, 0), sent(1, 1), send(2, 200), sent(2, 201)]);
    expect(realFigures([p], new Set(), 100, 300).failoverUs).toBe(-1);
  });

  it("does not count a killed process's unanswered send as a blocked producer", () => {
    const p = log('billing-0', [send(1, 0), sent(1, 1), send(2, 50)], { killedAtMs: 60 });
    expect(realFigures([p], new Set(), 60, 10_000).sendGapUs).toBe(10_000);
  });

  it('measures latency from when the application meant to send (a blocked producer falls behind)', () => {
    const p = log('orders-0', [{ ev: 'send', seq: 1, atMs: 500, dueMs: 0 }, sent(1, 501)]);
    const c = log('billing-0', [recv(1, 510)]);
    expect(realFigures([p, c], new Set(), null, 600).latencyP50Us).toBe(510_000);
  });

  it('property: the fates add up to the sends attempted', () => {
    const event = fc.record({
      ev: fc.constantFrom('send', 'sent', 'failed', 'recv') as fc.Arbitrary<AppEvent['ev']>,
      seq: fc.integer({ min: 0, max: 20 }),
      atMs: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(
        fc.array(event),
        fc.array(event),
        fc.uniqueArray(fc.integer({ min: 0, max: 20 })),
        (a, b, d) => {
          const f = realFigures([log('p', a), log('c', b)], new Set(d), 500, 1000).fates;
          expect(f.delivered + f.lost + f.stranded + f.sendFailed + f.outcomeUnknown).toBe(f.sent);
        },
      ),
    );
  });
});
