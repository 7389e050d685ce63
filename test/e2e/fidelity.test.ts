/**
 * `npm run fidelity` as a user runs it: usage errors are explained, exit 2, and write nothing;
 * `--resimulate` judges saved real measurements against the current model without a broker.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('judges saved real measurements again with --resimulate, without a broker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brokerlab-fidelity-'));
    try {
      copyFileSync(join(REPO, 'test/fixtures/fidelity/measured.json'), join(dir, 'f.json'));
      const run = await fidelity(['--resimulate', '--out', join(dir, 'f.md')]);
      expect(run.code).toBe(0);
      const page = readFileSync(join(dir, 'f.md'), 'utf8');
      expect(page).toContain(
        '| crash-persistent-always | lost (acknowledged, never delivered) | 0 / 0 / 0: none |',
      );
      expect(page).toContain(
        '| failover-1s-lock-poll | gap: kill to first acknowledged send | 1.67s / 1.81s / 1.95s |',
      );
      expect(page).toContain('2 times against a real broker');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says where the measurements should be when --resimulate finds none', async () => {
    const run = await fidelity(['--resimulate', '--out', '/nonexistent/f.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--resimulate reads the real measurements in /nonexistent/f.json');
  });
});
