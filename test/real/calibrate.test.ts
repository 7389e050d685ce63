/**
 * `brokerlab calibrate` as a user runs it, against the real broker: it writes a costs file the
 * loader accepts, `simulate` runs on it (named by a topology and given with --costs alike), and
 * Ctrl-C (SIGINT) leaves no broker, client JVM, scratch directory or half-written file behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInstallation, INSTALL_HINT } from '../../src/real/installation.js';
import { loadCostsFile } from '../../src/topology/load.js';
import { REPO, runCli } from '../support/cli.js';

const found = findInstallation();
if (!found.ok && !process.env.CI)
  console.warn(`skipping the calibrate tests: ${found.missing}; ${INSTALL_HINT}`);
const suite = found.ok || process.env.CI ? describe : describe.skip;

const TEST_MS = 180_000;
const dir = mkdtempSync(join(tmpdir(), 'brokerlab-calibrate-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

/** Killed processes are gone once the kernel and init have reaped them: a bounded wait. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

/** The PIDs and scratch directory calibrate reported on stderr. */
function started(stderr: string): { pids: number[]; dirs: string[] } {
  return {
    pids: [...stderr.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1])),
    dirs: [...stderr.matchAll(/data in (\S+)/g)].map((m) => m[1]!),
  };
}

suite('brokerlab calibrate on the real broker', () => {
  it(
    'writes a costs file that simulate uses, and leaves nothing running',
    async () => {
      const costs = join(dir, 'costs.yaml');
      const run = await runCli(['calibrate', '--quick', '--out', costs]);
      expect(run.stderr).toMatch(/started ActiveMQ/);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/lanRoundTrip +\d/);
      expect(run.stdout).toMatch(/vm send to receive 64 B +\d\S* +\d\S*/);
      expect(run.stdout).toMatch(/vm burst, per message +\d\S* +\d\S*/);
      const loaded = await loadCostsFile(costs);
      expect(loaded.ok && Object.keys(loaded.costs).sort()).toEqual(
        [
          'brokerCpu',
          'dispatchHandOff',
          'fsyncSsd',
          'lanRoundTrip',
          'marshalPerKiB',
          'tcpConnection',
          'tcpTransport',
        ].sort(),
      );
      expect(readFileSync(costs, 'utf8')).toMatch(/measuredBy: /);
      const { pids, dirs } = started(run.stderr);
      expect(pids).toHaveLength(2); // the broker and the measuring JVM
      for (const pid of pids) expect(await gone(pid), `pid ${pid}`).toBe(true);
      for (const d of dirs) expect(existsSync(d), d).toBe(false);

      // The same file, given on the command line or named by a topology beside it.
      const topology = join(dir, 'central.yaml');
      writeFileSync(
        topology,
        `${readFileSync(join(REPO, 'topologies/central-cluster.yaml'), 'utf8')}\ncosts: ./costs.yaml\n`,
      );
      const args = ['--duration', '10s', '--json'];
      const given = await runCli(['simulate', 'topologies/central-cluster.yaml', '--costs', costs, ...args]);
      expect(given.code, given.stderr).toBe(0);
      const named = await runCli(['simulate', topology, ...args]);
      expect(named.code, named.stderr).toBe(0);
      expect(named.stdout).toBe(given.stdout);
      const without = await runCli(['simulate', 'topologies/central-cluster.yaml', ...args]);
      expect(JSON.parse(given.stdout).latency).not.toEqual(JSON.parse(without.stdout).latency);
    },
    TEST_MS,
  );

  it(
    'stops its broker and JVM, removes its scratch directory and writes nothing on Ctrl-C',
    async () => {
      const out = join(dir, 'interrupted.yaml');
      const child = spawn(process.execPath, [`${REPO}/bin/brokerlab.js`, 'calibrate', '--out', out], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const exited = new Promise<number | string>((resolve) =>
        child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
      );
      // Interrupt while it measures: both JVMs are running then.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`calibrate did not start measuring:\n${stderr}`)),
          120_000,
        );
        child.stderr.on('data', (d) => {
          stderr += d;
          if (/measuring .*\(pid \d+\)/.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`calibrate ended before measuring:\n${stderr}`)));
      });
      const { pids, dirs } = started(stderr);
      expect(pids).toHaveLength(2);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      for (const pid of pids) expect(await gone(pid), `pid ${pid}`).toBe(true);
      for (const d of dirs) expect(existsSync(d), d).toBe(false);
      expect(existsSync(out)).toBe(false);
    },
    TEST_MS,
  );
});
