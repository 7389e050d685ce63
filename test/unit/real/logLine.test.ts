/**
 * The time of a broker's log line: the fidelity probes subtract it from Date.now() instants (the
 * kill), so it is read in the JVM's local time, as log4j writes it.
 */
import { describe, expect, it } from 'vitest';
import { logLineMs, TAKES_LOCK } from '../../../src/real/broker.js';

const LOCKED =
  '2026-11-30 16:33:38,193 TRACE SharedFileLocker - keepAlive result: true, name: /tmp/x/shared-kahadb';

describe('a broker log line', () => {
  it('gives its local time in ms since the epoch, to the millisecond', () => {
    expect(logLineMs(LOCKED)).toBe(new Date(2026, 10, 30, 16, 33, 38, 193).getTime());
  });

  it('gives NaN for no line', () => {
    expect(logLineMs(undefined)).toBeNaN();
  });

  it('tells the instant a slave takes the lock from its failed attempts', () => {
    expect(TAKES_LOCK.test(LOCKED)).toBe(true);
    const failed =
      '2026-11-30 16:33:37,186 DEBUG SharedFileLocker - Database /tmp/x/lock is locked... waiting 1 seconds for the database to be unlocked.';
    expect(TAKES_LOCK.test(failed)).toBe(false);
  });
});
