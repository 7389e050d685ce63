/**
 * Everything the harness starts or creates, so that nothing is left behind: processes (by PID)
 * and scratch directories (`brokerlab-*` under the system's temporary directory). They are
 * removed when their owner releases them, and in any case when Node exits, fails, or gets
 * SIGINT or SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pids = new Set<number>();
const dirs = new Set<string>();
let installed = false;

export function trackPid(pid: number): void {
  install();
  pids.add(pid);
}

export function untrackPid(pid: number): void {
  pids.delete(pid);
}

/** A new empty directory `brokerlab-<prefix>-XXXXXX` under os.tmpdir(), removed at exit at the latest. */
export function scratchDir(prefix: string): string {
  install();
  const dir = mkdtempSync(join(tmpdir(), `brokerlab-${prefix}-`));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Kills every tracked process (SIGKILL, by PID) and removes every scratch directory. */
export function reapAll(): void {
  for (const pid of pids) killQuietly(pid);
  pids.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (e) {
    // ESRCH: it had already exited. Anything else is a real problem.
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', reapAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      reapAll();
      process.exit(code);
    });
  }
}
