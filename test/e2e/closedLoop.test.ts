/**
 * Closed-loop producers as a user meets them (the built CLI in a child process): a batch job that
 * sends its count as fast as send() returns, blocking through a failover, and a closed-loop
 * producer with a rate rejected at its line and column with exit code 2.
 */
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../src/sim/result.js';
import { runCli } from '../support/cli.js';

const BATCH = 'test/fixtures/closed-loop/batch-job.yaml';

describe('closed-loop producers from the command line', () => {
  it('simulate: every process sends its count, all of it arrives through the failover', async () => {
    const run = await runCli(['simulate', BATCH, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as SimResult;
    expect(r.fates.sent).toBe(1_500);
    expect(r.fates.delivered).toBe(1_500);
    expect(r.fates.lost).toBe(0);
    // The sync senders blocked through the gap (nothing failed) and went on after it.
    expect(r.fates.sendFailed).toBe(0);
    expect(r.faults[0]!.failoverUs).toBeGreaterThan(0);
  });

  it('validate: accepts the batch job', async () => {
    const run = await runCli(['validate', BATCH]);
    expect(run.code).toBe(0);
  });

  it('validate: a rate on a closed-loop producer is exit 2 at its line and column, with a hint', async () => {
    const run = await runCli(['validate', 'test/fixtures/bad/closed-loop-with-rate.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('closed-loop-with-rate.yaml:12:15:');
    expect(run.stderr).toContain('hint: remove `rate`');
    expect(run.stderr).not.toMatch(/^\s+at\s/m);
  });
});
