/**
 * Output files (`--html`, `--out`) are checked before any work: a directory, or a path in a
 * directory that does not exist, exits 2 at once with a clear message, and nothing is created.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'brokerlab-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = 'topologies/spring-boot-default.yaml';
/** A topology file that does not exist: the output path is checked before the inputs are even read. */
const MISSING_INPUT = 'no/such/topology.yaml';

describe('an output path that cannot be written', () => {
  it.each([
    ['compare --html DIR', ['compare', A, MISSING_INPUT, '--html', dir], `--html \`${dir}\` is a directory`],
    [
      'sweep --html DIR',
      ['sweep', MISSING_INPUT, '--vary', 'cluster.brokers=2..3', '--html', dir],
      'is a directory',
    ],
    ['check --out DIR', ['check', MISSING_INPUT, '--out', dir], `--out \`${dir}\` is a directory`],
  ])('%s exits 2 before any work, naming the problem', async (_, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('no such file');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['compare --html', ['compare', A, MISSING_INPUT, '--html']],
    ['check --out', ['check', MISSING_INPUT, '--out']],
  ])('%s in a missing directory exits 2 and creates no directory', async (_, args) => {
    const target = join(dir, 'missing', 'deeper', 'out.html');
    const r = await runCli([...args, target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `the directory \`${join(dir, 'missing', 'deeper')}\` does not exist; create it first`,
    );
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
