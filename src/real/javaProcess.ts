/**
 * One JVM started by its PID and stopped by that PID: its stdout lines (JSON lines from the
 * client programs, log lines from a broker), its exit, and a bounded wait for a line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { trackPid, untrackPid } from './reaper.js';

/** One line a client program printed (real/java/Out.java). */
export interface ClientLine {
  ev: string;
  /** Microseconds since the program started. */
  t: number;
  seq?: number;
  redelivered?: boolean;
  epochMs?: number;
  [field: string]: unknown;
}

const STDERR_KEEP_CHARS = 20_000;

export class JavaProcess {
  readonly pid: number;
  readonly lines: string[] = [];
  stderr = '';
  /** The exit code, or the signal's name; null while it runs. */
  exit: number | string | null = null;
  readonly exited: Promise<number | string>;
  private readonly child: ChildProcess;
  private readonly waiters: (() => void)[] = [];

  constructor(java: string, args: string[], cwd: string) {
    this.child = spawn(java, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    if (this.child.pid === undefined) throw new Error(`could not start ${java}`);
    this.pid = this.child.pid;
    trackPid(this.pid);
    // A process killed before it read its input closes the pipe: that is its exit, reported as such.
    this.child.stdin!.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      this.wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_KEEP_CHARS);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        untrackPid(this.pid);
        this.exit = code ?? signal ?? 'unknown';
        this.wake();
        resolve(this.exit);
      });
    });
  }

  /** The JSON lines printed so far (other lines, such as JVM warnings, are skipped). */
  events(): ClientLine[] {
    return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as ClientLine);
  }

  /** Resolves with the first line matching, rejects when the process exits first or time is up. */
  async waitForLine(match: (line: string) => boolean, timeoutMs: number, what: string): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (let seen = 0; ; ) {
      for (; seen < this.lines.length; seen++) if (match(this.lines[seen]!)) return this.lines[seen]!;
      if (this.exit !== null) throw this.failure(`exited (${this.exit}) before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw this.failure(`no ${what} within ${timeoutMs} ms`);
      await this.next(Math.min(left, 100));
    }
  }

  /** Writes one line to the program's standard input (a client waiting for `go`). */
  tell(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /** SIGKILL by PID (kill -9), then waits for the exit. */
  async kill(): Promise<void> {
    if (this.exit === null) process.kill(this.pid, 'SIGKILL');
    await this.exited;
  }

  /** SIGTERM by PID (a JVM runs its shutdown hooks), SIGKILL if it is still there after `graceMs`. */
  async terminate(graceMs: number): Promise<void> {
    if (this.exit !== null) return;
    process.kill(this.pid, 'SIGTERM');
    const timer = setTimeout(() => this.exit === null && process.kill(this.pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  failure(what: string): Error {
    const tail = [...this.lines.slice(-15), this.stderr.slice(-2000)].join('\n');
    return new Error(`java process ${this.pid} ${what}; last output:\n${tail}`);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private next(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
