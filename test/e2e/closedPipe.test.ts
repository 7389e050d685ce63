/** A reader that stops early (`brokerlab plan --json | head -c 50`) ends brokerlab quietly, with exit 0. */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

/** Runs the CLI, reads the first `bytes` of stdout, then closes the pipe as `head -c` does. */
function readThenClose(
  args: string[],
  bytes: number,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${REPO}/bin/brokerlab.js`, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let read = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      read += d.length;
      if (read >= bytes) child.stdout.destroy();
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('stdout closed by the reader', () => {
  it('plan --json | head -c 50 exits 0 without a stack trace', async () => {
    // 450 KB of JSON: far more than a pipe holds, so the writer is still writing when the pipe closes.
    const bundled = readdirSync(`${REPO}/topologies`).map((f) => `topologies/${f}`);
    const run = await readThenClose(['plan', '--json', ...bundled], 50);
    expect(run).toEqual({ code: 0, signal: null, stderr: '' });
  });
});
