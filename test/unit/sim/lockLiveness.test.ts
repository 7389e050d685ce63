/**
 * A store's lock is held by a live broker, or by a dead one only until it is released: at once
 * for a clean stop or a lost disk, after the kernel's teardown for a kill, after the lease on a
 * power loss (never, with `lockRelease: never`, the one setting where a dead holder keeps it by
 * design). A lock a dead broker kept past that is a wedge: every slave and every producer waits
 * silently until the run ends, and conservation still holds (the bug behind lockWait.test.ts
 * hid this way), so the end of a run checks it and stops loudly.
 */
import { describe, expect, it } from 'vitest';
import { killBroker } from '../../../src/sim/brokers.js';
import { finishRun } from '../../../src/sim/finish.js';
import { runUntil, smallWorld } from '../../support/smallWorld.js';

const pair = (release: string) => `
name: lock-liveness
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    producers: [{ destination: work, rate: 100/s, arrival: constant, sendMode: sync }]
cluster: { brokers: 2, ha: shared-store, lockAcquireSleepInterval: 1s, lockRelease: ${release} }
simulation: { duration: 5s, warmup: 0s, drain: 0s, seed: 1 }
`;

describe('the end of a run checks that no dead broker kept its store lock', () => {
  it('passes when the killed master released the lock after its teardown and the slave took it', () => {
    const w = smallWorld(pair('immediate'));
    runUntil(w, 1_000_000);
    killBroker(w, w.brokers[0]!, 'kill', -1);
    runUntil(w, 4_000_000);
    expect(w.stores[0]!.lockHolder).toBe(1);
    expect(() => finishRun(w, 1, 5_000_000)).not.toThrow();
  });

  it('stops the run when a broker dead for longer than its release delay still holds the lock', () => {
    const w = smallWorld(pair('immediate'));
    runUntil(w, 1_000_000);
    killBroker(w, w.brokers[0]!, 'kill', -1);
    // The wedge: the lock's release is lost, as it was when a slave died in its keep-alive wait.
    w.stores[0]!.lockGen++;
    runUntil(w, 4_000_000);
    expect(w.stores[0]!.lockHolder).toBe(0);
    expect(() => finishRun(w, 1, 5_000_000)).toThrow(/brokerlab invariant: .*lock.*broker-0.*\(seed 1\)/);
  });

  it('leaves a lock that is released only by an operator (lockRelease: never) alone', () => {
    const w = smallWorld(pair('never'));
    runUntil(w, 1_000_000);
    killBroker(w, w.brokers[0]!, 'kill', -1);
    runUntil(w, 4_000_000);
    expect(w.stores[0]!.lockHolder).toBe(0);
    expect(() => finishRun(w, 1, 5_000_000)).not.toThrow();
  });
});
