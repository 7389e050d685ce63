import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JavaProcess } from '../../../src/real/javaProcess.js';
import { reapAll, scratchDir } from '../../../src/real/reaper.js';

describe('nothing is left behind', () => {
  it('kills every process it started, by PID, and removes every scratch directory', async () => {
    const dir = scratchDir('reaper');
    expect(basename(dir)).toMatch(/^brokerlab-reaper-/);
    // Any program will do for a process that would outlive the test.
    const p = new JavaProcess('/bin/sleep', ['60'], dir);
    reapAll();
    expect(await p.exited).toBe('SIGKILL');
    expect(existsSync(dir)).toBe(false);
  });

  it('reports a process that exits before the line it waits for, with its output', async () => {
    const dir = scratchDir('reaper');
    const p = new JavaProcess('/bin/sh', ['-c', 'echo hello; exit 3'], dir);
    await expect(p.waitForLine((l) => l === 'never', 5_000, 'a greeting')).rejects.toThrow(
      /exited \(3\) before a greeting[\s\S]*hello/,
    );
    reapAll();
  });
});
