/**
 * Simulator bugs, each reproduced by a topology that broke a run (or corrupted it silently):
 * issue 12's reproducers (before the core stopped re-entering dispatch from lifecycle changes and
 * gave ties at one microsecond a rule), then later fuzz and property-test finds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../../support/simulateYaml.js';

/** Conservation as the result states it: every message sent (and fanned out) has exactly one fate. */
function expectConserved(r: ReturnType<typeof simulateYaml>): void {
  const f = r.fates;
  const fates =
    f.delivered + f.lost + f.stranded + f.inFlight + f.sendFailed + f.unknown + f.deadLettered + f.discarded;
  expect(fates).toBe(f.sent + f.fanout);
}

const REENTRANT_BRIDGE = `
name: reentrant-bridge
layout: embedded
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: poisson }]
    consumers: [{ destination: q, processingTime: 1500ms, prefetch: 1 }]
  - id: c
    consumers: [{ destination: q, processingTime: 1ms }]
embedded: { store: memory, network: mesh }
faults:
  schedule:
    - { at: 0s, kind: process-crash, target: c-0, restartAfter: 500ms }
simulation: { duration: 10s, drain: 5s, seed: 1 }
`;

const crashAtConsumerDone = (atUs: number) => `
name: crash-at-consumer-done
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers: [{ destination: q, rate: 1/s, arrival: constant, persistent: false }]
  - id: c
    consumers: [{ destination: q, processingTime: 1ms }]
cluster: { brokers: 1, ha: none }
faults:
  schedule:
    - { at: ${atUs}us, kind: process-crash, target: c-0 }
simulation: { duration: 3s, drain: 1s, seed: 1 }
`;

describe('issue 12, reproducer 1: a bridge created inside dispatch does not re-enter it', () => {
  it('keeps conservation with a memory store and a mesh (seed 1)', () => {
    const r = simulateYaml(REENTRANT_BRIDGE, { seed: 1, durationUs: 10_000_000 });
    expectConserved(r);
    expect(r.fates.sent).toBe(13);
  });
});

describe('issue 12, reproducer 2: a crash at the microsecond a consumer finishes', () => {
  it('completes the run when the crash and the completion tie', () => {
    const r = simulateYaml(crashAtConsumerDone(1_001_216), { seed: 1, durationUs: 3_000_000 });
    expectConserved(r);
  });

  it('gives the same fates as a crash one microsecond later (the completion happens first)', () => {
    const tie = simulateYaml(crashAtConsumerDone(1_001_216), { seed: 1, durationUs: 3_000_000 });
    const after = simulateYaml(crashAtConsumerDone(1_001_217), { seed: 1, durationUs: 3_000_000 });
    expect(tie.fates).toEqual(after.fates);
    expect(tie.duplicates).toBe(after.duplicates);
  });
});

const leaseRetaken = `
name: lease-retaken
layout: central
destinations: [{ name: q, type: queue }]
applications:
  - id: p
    producers: [{ destination: q, rate: 200/s, arrival: constant }]
  - id: c
    consumers: [{ destination: q, processingTime: 50ms, prefetch: 1, ackMode: client }]
cluster: { brokers: 2, ha: jdbc, lockRelease: lease, lease: 500ms, lockAcquireSleepInterval: 100ms, restartTime: 10ms }
faults:
  schedule:
    - { at: 1s, kind: broker-crash, target: broker-0, restartAfter: 0s }
simulation: { duration: 3s, drain: 2s, seed: 1 }
`;

describe('a master that retakes its own unexpired lease keeps it', () => {
  it('does not let a slave recover the store beside it when the old lease runs out', () => {
    const r = simulateYaml(leaseRetaken, { seed: 1 });
    expectConserved(r);
  });
});

/** Fuzz reproducers kept as files (test/fixtures/sim-regressions), simulated as the CLI does. */
function simulateFixture(name: string) {
  const path = new URL(`../../fixtures/sim-regressions/${name}.yaml`, import.meta.url);
  return simulateYaml(readFileSync(path, 'utf8'));
}

describe('a topic send with an unknown outcome that no subscriber gets', () => {
  it('is gone, and the unknown outcomes add up (fuzz seed 11, case 333)', () => {
    const r = simulateFixture('unknown-outcome-discarded');
    expectConserved(r);
    const u = r.outcomeUnknown;
    expect(u.sends).toBeGreaterThan(0);
    expect(u.recovered + u.gone + u.held).toBe(u.sends);
  });
});

describe('a copy whose consumer finishes is still at that consumer', () => {
  for (const n of [57906, 58107, 66063]) {
    it(`runs fuzz reproducer 20261130-${n} to the end`, () => {
      expectConserved(simulateFixture(`finished-not-at-consumer-${n}`));
    });
  }
});
