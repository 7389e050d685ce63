/**
 * A short subset of the fidelity experiments (fidelity/, `npm run fidelity` runs them all) against
 * a real ActiveMQ: what the broker does, and that the simulation of the mirror topology agrees
 * where the model is known to be right. Each run starts real JVMs (a broker, clients), so there
 * is one repetition of each.
 *
 * Skipped, with a message, only when the JDK or ActiveMQ is absent outside CI; in CI
 * (process.env.CI) a missing installation fails the tests instead.
 */
import { describe, expect, it } from 'vitest';
import { crashReal, crashSimulated } from '../../fidelity/crashLoss.js';
import { failoverReal, failoverSimulated } from '../../fidelity/failover.js';
import { type Lab, openLab } from '../../fidelity/lab.js';
import { loadMirror } from '../../fidelity/mirror.js';
import { transportReal, transportSimulated } from '../../fidelity/transport.js';
import { lossCategory } from '../../fidelity/verdict.js';
import { findInstallation, INSTALL_HINT } from '../../src/real/installation.js';

const found = findInstallation();
const SKIP = !found.ok && !process.env.CI;
if (SKIP && !found.ok) console.warn(`skipping the real-broker tests: ${found.missing}; ${INSTALL_HINT}`);

const REAL_TIMEOUT_MS = 120_000;

let lab: Lab | null = null;
async function theLab(): Promise<Lab> {
  if (lab) return lab;
  const opened = await openLab();
  if (!opened.ok) throw new Error(`the real-broker tests need a JDK and ActiveMQ: ${opened.missing}`);
  lab = opened.lab;
  return lab;
}

describe.skipIf(SKIP)('a real ActiveMQ beside the simulation of its mirror topology', () => {
  it(
    'a broker killed (kill -9) under persistent synchronous sends with the journal synced always loses no acknowledged message, as simulated',
    async () => {
      const t = loadMirror('crash-persistent-always');
      const real = await crashReal(await theLab(), t);
      expect(real.acknowledged).toBeGreaterThan(0);
      expect(real.lost).toBe(0);
      const sim = crashSimulated(t);
      expect(lossCategory(sim.lost, sim.atRisk)).toBe(lossCategory(real.lost, real.atRisk));
    },
    REAL_TIMEOUT_MS,
  );

  it(
    'a message over tcp:// takes longer than over vm:// (non-persistent TextMessage, fastest round)',
    async () => {
      const l = await theLab();
      const [vmT, tcpT] = [
        loadMirror('transport-vm-text-nonpersistent'),
        loadMirror('transport-tcp-text-nonpersistent'),
      ];
      const vm = await transportReal(l, vmT);
      const tcp = await transportReal(l, tcpT);
      // The fastest round is the path's own cost: tcp:// marshals, crosses a socket and a second
      // process; medians and throughput on a busy machine are left to npm run fidelity.
      expect(tcp.latencyMinUs).toBeGreaterThan(vm.latencyMinUs);
      expect(vm.throughputPerSecond).toBeGreaterThan(0);
      expect(tcp.throughputPerSecond).toBeGreaterThan(0);
      expect(transportSimulated(tcpT).latencyMinUs).toBeGreaterThan(transportSimulated(vmT).latencyMinUs);
    },
    REAL_TIMEOUT_MS,
  );

  it(
    'a shared-store slave polling the lock every second takes over after the master is killed, and the producer resumes',
    async () => {
      const t = loadMirror('failover-1s-lock-poll');
      const real = await failoverReal(await theLab(), t);
      // The kill falls halfway between two polls: the slave cannot take over before the next one
      // (a quarter of the interval leaves room for when the harness saw its first attempt).
      expect(real.gapUs).toBeGreaterThanOrEqual(t.cluster!.lock.lockAcquireSleepIntervalUs / 4);
      expect(real.gapUs).toBeLessThan(30_000_000);
      expect(failoverSimulated(t).gapUs).toBeGreaterThanOrEqual(
        t.cluster!.lock.lockAcquireSleepIntervalUs / 2,
      );
    },
    REAL_TIMEOUT_MS,
  );
});
