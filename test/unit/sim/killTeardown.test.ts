/**
 * A killed broker's JVM (kill -9) closes its sockets and frees its store lock only when the kernel
 * has torn the process down (`killTeardown`): its clients' failover transports notice then, and
 * start their reconnect back-off from there; a slave polling the lock finds it still held until
 * then. Measured with fidelity/failoverProbe.ts (kill to the client's transportInterupted).
 */
import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../../support/simulateYaml.js';

const PRODUCER = `
destinations: [{ name: work }]
applications:
  - id: shop
    producers: [{ destination: work, rate: 100/s, arrival: constant, sendMode: sync }]
  - id: worker
    consumers: [{ destination: work, processingTime: 1ms }]
simulation: { duration: 6s, warmup: 0s, drain: 30s, seed: 1 }`;

/** One broker, killed at 2 s and restarted 1 s later; it serves again 1.55 s after the kill (recovery pinned at 550 ms). */
function restarted(teardown: string): string {
  return `name: teardown-${teardown}
layout: central${PRODUCER}
cluster: { brokers: 1, ha: none, restartTime: 1s }
costs: { killTeardown: ${teardown}, reconnectAttempt: 0s, storeRecovery: 550ms, journalReplayPerRecord: 0s }
faults:
  schedule:
    - { at: 2s, kind: broker-crash, target: broker-0, restartAfter: 1s }
`;
}

/** A pair whose slave polls every 1 s from time 0; the master dies 100 ms before a poll. */
function pair(teardown: string): string {
  return `name: teardown-pair-${teardown}
layout: central${PRODUCER}
cluster: { brokers: 2, ha: shared-store, lockAcquireSleepInterval: 1s, lockKeepAlivePeriod: 0s }
costs: { killTeardown: ${teardown}, reconnectAttempt: 0s, storeRecovery: 550ms, journalReplayPerRecord: 0s }
faults:
  schedule:
    - { at: 2.9s, kind: broker-crash, target: broker-0, restartAfter: never }
`;
}

const gapUs = (yaml: string) => simulateYaml(yaml).faults[0]!.failoverUs;

describe('killTeardown', () => {
  it("the clients' reconnect back-off starts only when the killed broker's sockets close", () => {
    // Notice at 2 s, first attempt 10 ms later: the restarted broker (up at 1.55 s) takes it.
    const late = gapUs(restarted('2s'));
    expect(late).toBeGreaterThanOrEqual(2_010_000);
    expect(late).toBeLessThan(2_050_000);
    // Noticed at once, the client tries at 1.27 s (too early) and next at 2.55 s.
    expect(gapUs(restarted('0s'))).toBeGreaterThanOrEqual(2_550_000);
  });

  it('a slave polling before the teardown ends finds the lock still held, and waits one more poll', () => {
    const recoveryUs = 550_000;
    // Freed at once: the poll at 3 s (100 ms after the kill) takes it.
    expect(gapUs(pair('0s'))).toBeLessThan(1_100_000 + recoveryUs);
    // Freed 200 ms after the kill: the poll at 3 s misses it, the one at 4 s takes it.
    expect(gapUs(pair('200ms'))).toBeGreaterThan(1_100_000 + recoveryUs);
  });
});
