/**
 * A lint of severity error (a split brain: shared store without lock keep-alive) fails `validate`
 * and `plan` with exit 1; `--allow-lint-errors` accepts it (exit 0). Warnings never fail.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const SPLIT_BRAIN = 'test/fixtures/lint/split-brain.yaml';

describe('lint errors', () => {
  it('fail validate with exit 1, naming the lint', async () => {
    const r = await runCli(['validate', SPLIT_BRAIN]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${SPLIT_BRAIN}: ok (split-brain, layout central; 1 lint error)`);
    expect(r.stderr).toContain(
      `${SPLIT_BRAIN}: lint error lock-keepalive-off: shared-store master/slave with lockKeepAlivePeriod 0`,
    );
    expect(r.stderr).toContain('--allow-lint-errors');
  });

  it('fail plan with exit 1, after printing the plan (text and JSON)', async () => {
    const text = await runCli(['plan', SPLIT_BRAIN]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('error   lock-keepalive-off');
    const json = await runCli(['plan', '--json', SPLIT_BRAIN]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).lints[0].id).toBe('lock-keepalive-off');
  });

  it('pass with --allow-lint-errors', async () => {
    expect((await runCli(['validate', '--allow-lint-errors', SPLIT_BRAIN])).code).toBe(0);
    expect((await runCli(['plan', '--allow-lint-errors', SPLIT_BRAIN])).code).toBe(0);
  });

  it('are explained, with every exit code, in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/1\s+a guarantee, a check or a lint of severity error failed/);
    const validate = await runCli(['validate', '--help']);
    expect(validate.stdout).toContain('--allow-lint-errors');
  });

  it('warnings alone leave the exit code 0', async () => {
    const r = await runCli(['validate', 'topologies/embedded-appserver.yaml']);
    expect(r.code).toBe(0);
  });
});
