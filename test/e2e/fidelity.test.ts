/** `npm run fidelity` as a user runs it: usage errors are explained, exit 2, and write nothing. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

function fidelity(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'fidelity/run.ts', ...args], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

describe('npm run fidelity', () => {
  it('names the experiments it knows when given one it does not', async () => {
    const run = await fidelity(['--only', 'crash-persistant-always', '--out', '/nonexistent/f.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown experiment crash-persistant-always');
    expect(run.stderr).toContain('crash-persistent-always');
    expect(existsSync('/nonexistent/f.md')).toBe(false);
  });

  it('wants a whole number of repetitions', async () => {
    const run = await fidelity(['--reps', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--reps must be a whole number >= 1, got 0');
  });
});
