/**
 * SharedFileLocker's wait (ActiveMQ 5.17, SharedFileLocker.doStart): a slave that found the store
 * locked and later gets the lock sleeps one lockKeepAlivePeriod before it starts, "to ensure the
 * lock holder has released"; a broker that locks at its first attempt starts at once. JDBC's
 * lockers have no such wait. The failover gap after a master's kill therefore grows by the
 * keep-alive for a shared store only.
 */
import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../../support/simulateYaml.js';

/**
 * A pair whose slave polls every 1 s from time 0; the master dies at 2.5 s, the slave gets the
 * lock at 3 s. `more` adds brokers (slaves polling the same store), later faults and a longer run.
 */
function pair(
  ha: 'shared-store' | 'jdbc',
  keepAlive: string,
  more = { brokers: 0, faults: [] as string[], duration: '5s' },
): string {
  return `
name: lock-wait-${ha}-${keepAlive}
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    producers: [{ destination: work, rate: 100/s, arrival: constant, sendMode: sync }]
  - id: worker
    consumers: [{ destination: work, processingTime: 1ms }]
cluster:
  brokers: ${2 + more.brokers}
  ha: ${ha}
  lockAcquireSleepInterval: 1s
  lockKeepAlivePeriod: ${keepAlive}
  lockRelease: immediate
faults:
  schedule:
    - { at: 2.5s, kind: broker-crash, target: broker-0, restartAfter: never }
${more.faults.map((f) => `    - ${f}\n`).join('')}simulation: { duration: ${more.duration}, warmup: 0s, drain: 30s, seed: 1 }
`;
}

const gapUs = (yaml: string) => simulateYaml(yaml).faults[0]!.failoverUs;

describe('lockKeepAlivePeriod wait of a shared-store slave', () => {
  it('the slave that waited starts a keep-alive after it gets the lock: the gap grows by it', () => {
    const none = gapUs(pair('shared-store', '0s'));
    const fourSeconds = gapUs(pair('shared-store', '4s'));
    expect(none).toBeGreaterThan(0);
    expect(none).toBeLessThan(4_000_000);
    // Lock 0.5 s after the kill, then the 4 s wait, then recovery (550 ms at least), then the
    // client's next reconnect attempt.
    expect(fourSeconds).toBeGreaterThan(5_050_000);
  });

  it('a JDBC slave does not wait (its lockers start as soon as they hold the lock)', () => {
    const jdbc = gapUs(pair('jdbc', '4s'));
    expect(jdbc).toBeGreaterThan(0);
    expect(jdbc).toBeLessThan(4_500_000);
  });

  it('the first master locks at its first attempt and serves from the start, without the wait', () => {
    const r = simulateYaml(pair('shared-store', '30s'));
    // 100/s for 2.5 s before the kill, every one acknowledged at once.
    expect(r.fates.sent).toBeGreaterThanOrEqual(250);
  });
});

describe('a broker killed while it waits out the keep-alive', () => {
  /** Three brokers on one store: broker-1 takes the lock at 3 s and waits 4 s; it dies at 4 s, in the wait. */
  const trio = pair('shared-store', '4s', {
    brokers: 1,
    faults: ['{ at: 4s, kind: broker-crash, target: broker-1, restartAfter: never }'],
    duration: '20s',
  });

  it('frees the store lock with its files, so the third broker takes over and the producer resumes', () => {
    // A killed process's file lock goes with its files whatever state the broker was in
    // (SharedFileLocker holds a java.nio FileLock); broker-2 then locks, waits and serves.
    const r = simulateYaml(trio);
    expect(r.fates.inFlight).toBe(0);
    expect(r.fates.sent).toBeGreaterThan(1_500);
    expect(r.faults[0]!.failoverUs).toBeGreaterThan(0);
  });
});
