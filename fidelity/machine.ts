/** The machine the real broker ran on, for the report's header (figures only hold there). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { Installation } from '../src/real/installation.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  jdk: string;
  activemq: string;
  node: string;
  date: string;
  /** The 1-minute load average when the run started: other work shares the cores. */
  loadAverage: number;
}

export function describeMachine(inst: Installation, now: Date): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osName()} (Linux ${release()})`,
    jdk: jdkVersion(inst.java),
    activemq: `${inst.activemqVersion} (${inst.activemqHome})`,
    node: process.version,
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `java -version` prints to stderr; the first line names the runtime and its version. */
function jdkVersion(java: string): string {
  const run = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  return run.stderr.split('\n')[0]?.trim() || 'unknown';
}
