/**
 * `brokerlab verify` on real ActiveMQ, run as a user runs it: the central shared-store pair with
 * its master killed, an embedded topology with a process killed, and Ctrl-C in the middle of a
 * run (nothing may be left: no process, no scratch directory).
 *
 * Skipped, with a message, only when the JDK or ActiveMQ is absent outside CI.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findInstallation, INSTALL_HINT } from '../../src/real/installation.js';
import type { Verification } from '../../src/verify/verification.js';
import { type CliRun, REPO, runCli } from '../support/cli.js';
import { schemaValidator } from '../support/schemas.js';

const found = findInstallation();
const SKIP = !found.ok && !process.env.CI;
if (SKIP && !found.ok) console.warn(`skipping the verify tests: ${found.missing}; ${INSTALL_HINT}`);

const RUN_TIMEOUT_MS = 240_000;

async function verify(args: string[]): Promise<{ run: CliRun; v: Verification }> {
  const run = await runCli(['verify', ...args, '--json']);
  if (run.code !== 0 && run.code !== 1) throw new Error(`verify ended with ${run.code}: ${run.stderr}`);
  const v = JSON.parse(run.stdout) as Verification;
  expect((await schemaValidator('verify'))(v)).toBe(true);
  return { run, v };
}

const scratchDirs = (parent: string) => readdirSync(parent).filter((d) => d.startsWith('brokerlab-verify-'));

describe.skipIf(SKIP)('verify central-cluster.yaml: the shared-store master killed (kill -9)', () => {
  let r: { run: CliRun; v: Verification };
  beforeAll(async () => {
    r = await verify([
      'topologies/central-cluster.yaml',
      '--scenario',
      'broker-crash',
      '--max-processes',
      '2',
    ]);
  }, RUN_TIMEOUT_MS);

  it('loses no acknowledged message, for real and simulated: the loss categories agree', () => {
    expect(r.v.fault).toMatchObject({ kind: 'broker-crash', target: 'broker-0', skipped: null });
    expect(r.v.real!.fates.sent).toBeGreaterThan(50);
    expect(r.v.real!.fates.lost).toBe(0);
    expect(r.v.loss).toEqual({ real: 'none', simulated: 'none', agree: true });
  });

  it('the real slave starts a lockKeepAlivePeriod (30 s) after it got the lock: SharedFileLocker waits one keep-alive', () => {
    // SharedFileLocker.doStart: a slave that found the lock taken sleeps lockKeepAlivePeriod once
    // it holds it, "to ensure the lock holder has released"; it polls every 10 s before that.
    expect(r.v.real!.newMasterUs).toBeGreaterThan(30_000_000);
    expect(r.v.real!.failoverUs).toBeGreaterThan(r.v.real!.newMasterUs!);
  });

  // The simulated slave waits the same keep-alive (the broker machine's lockWait state).
  it('the failover gap lies within ±30% of the real one, and verify exits 0', () => {
    expect(r.v.failover!.agree).toBe(true);
    expect(r.run.code).toBe(0);
  });

  it('exits 1 exactly when the loss category or the failover gap disagrees', () => {
    expect(r.v.agree).toBe(r.v.failover!.agree && r.v.loss!.agree);
    expect(r.run.code).toBe(r.v.agree ? 0 : 1);
  });
});

describe.skipIf(SKIP)(
  'verify embedded-per-process.yaml: a billing process killed (kill -9) with its embedded broker',
  () => {
    let r: { run: CliRun; v: Verification };
    beforeAll(async () => {
      r = await verify([
        'topologies/embedded-per-process.yaml',
        '--scenario',
        'process-crash',
        '--max-processes',
        '3',
      ]);
    }, RUN_TIMEOUT_MS);

    it('loses nothing, has no failover, and agrees with the simulation (exit 0)', () => {
      expect(r.v.processes).toEqual([
        { app: 'billing', replicas: 2 },
        { app: 'orders', replicas: 1 },
      ]);
      expect(r.v.fault).toMatchObject({ kind: 'process-crash', target: 'billing-0', skipped: null });
      const f = r.v.real!.fates;
      expect(f.sent).toBeGreaterThan(50);
      expect(f.delivered + f.lost + f.stranded + f.sendFailed + f.outcomeUnknown).toBe(f.sent);
      expect(r.v.loss).toEqual({ real: 'none', simulated: 'none', agree: true });
      expect(r.v.failover).toMatchObject({ realUs: -1, simulatedUs: -1, agree: true });
      expect(r.run.code).toBe(0);
    });
  },
);

describe.skipIf(SKIP)('verify interrupted (Ctrl-C)', () => {
  it(
    'leaves no process and no scratch directory behind',
    async () => {
      // Its own temporary directory: other runs on the machine make brokerlab-verify-* ones too
      // (and its own name must not look like one of theirs).
      const parent = mkdtempSync(join(tmpdir(), 'brokerlab-interrupted-'));
      try {
        const child = spawn(
          process.execPath,
          [`${REPO}/bin/brokerlab.js`, 'verify', 'topologies/central-cluster.yaml', '--max-processes', '2'],
          {
            cwd: REPO,
            env: { ...process.env, TMPDIR: parent },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        const exited = new Promise<number | string>((resolve) =>
          child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
        );
        // Interrupt once a broker and the application JVMs run.
        const javas = await waitFor(() => {
          const pids = childPids(child.pid!);
          return pids.length >= 2 ? pids : null;
        }, 120_000);
        expect(scratchDirs(parent)).toHaveLength(1);
        child.kill('SIGINT');
        expect(await exited).toBe(130);
        await waitFor(() => (javas.every((pid) => !alive(pid)) ? true : null), 10_000);
        expect(scratchDirs(parent)).toEqual([]);
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    },
    RUN_TIMEOUT_MS,
  );
});

/** The children of `parent` that have not exited (from /proc). */
function childPids(parent: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => status(pid)?.ppid === parent && alive(pid));
}

/** A process that exited and was not yet reaped (a zombie) counts as gone. */
function alive(pid: number): boolean {
  const s = status(pid);
  return s !== null && s.state !== 'Z';
}

function status(pid: number): { state: string; ppid: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (e) {
    // It ended while we looked.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH')
      return null;
    throw e;
  }
  // pid (comm) state ppid ...: the comm may contain spaces, so split after the last ')'.
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: state!, ppid: Number(ppid) };
}

async function waitFor<T>(probe: () => T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
