/** Runs the built CLI as a user does (`node bin/brokerlab.js ...`); `npm test` builds dist/ first. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliRun> {
  return run(process.execPath, [`${REPO}/bin/brokerlab.js`, ...args], options.cwd ?? REPO, process.env);
}

/**
 * Runs a command line as printed, in a shell, with `brokerlab` on the PATH as an installed
 * package puts it there (a link to bin/brokerlab.js in a temporary directory).
 */
export async function runShell(command: string, options: { cwd?: string } = {}): Promise<CliRun> {
  const bin = await mkdtemp(join(tmpdir(), 'brokerlab-path-'));
  try {
    await symlink(`${REPO}/bin/brokerlab.js`, join(bin, 'brokerlab'));
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    return await run('/bin/sh', ['-c', command], options.cwd ?? REPO, env);
  } finally {
    await rm(bin, { recursive: true, force: true });
  }
}

function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
