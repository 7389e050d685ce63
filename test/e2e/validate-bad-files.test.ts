/**
 * `brokerlab validate` as a user runs it (the built CLI in a child process): every bad file exits
 * 2 with `file:line:column` on stderr and no stack trace; the bundled topologies exit 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BAD_DIR = 'test/fixtures/bad';
const expected = JSON.parse(readFileSync(`${ROOT}${BAD_DIR}/expected.json`, 'utf8')) as Record<
  string,
  { line: number; column: number }
>;
const badFiles = readdirSync(`${ROOT}${BAD_DIR}`)
  .filter((f) => f !== 'expected.json')
  .sort();

function brokerlab(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/brokerlab.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', BROKERLAB_DEBUG: '' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const STACK_TRACE = /^\s+at\s|at Object\.|node:internal|\.js:\d+:\d+\)/m;

beforeAll(() => {
  if (!existsSync(`${ROOT}dist/cli/main.js`))
    throw new Error('dist/cli/main.js is missing: run `npm run build` first');
});

describe('brokerlab validate <bad file>', () => {
  // One CLI process per file, as a user would run them; started together to keep the suite fast.
  const runs = new Map<string, Promise<CliRun>>();
  const runFor = (path: string) => {
    if (!runs.has(path)) runs.set(path, runCli(['validate', path]));
    return runs.get(path)!;
  };
  beforeAll(async () => {
    for (let i = 0; i < badFiles.length; i += 8)
      await Promise.all(badFiles.slice(i, i + 8).map((f) => runFor(`${BAD_DIR}/${f}`)));
  });

  it.each(badFiles)('%s exits 2 and names the place', async (file) => {
    const want = expected[file];
    expect(want, `${file} has no entry in expected.json`).toBeDefined();
    const path = `${BAD_DIR}/${file}`;
    const { code, stdout, stderr } = await runFor(path);
    expect(code).toBe(2);
    expect(stderr).toContain(`${path}:${want?.line}:${want?.column}: `);
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).not.toContain('internal error');
    expect(stdout).toBe('');
  });
});

describe('brokerlab validate topologies/*.yaml', () => {
  it('exits 0 and reports every bundled topology ok', () => {
    const topologies = readdirSync(`${ROOT}topologies`)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `topologies/${f}`);
    expect(topologies.length).toBeGreaterThanOrEqual(6);
    const { status, stdout, stderr } = brokerlab('validate', ...topologies);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    for (const file of topologies) expect(stdout).toContain(`${file}: ok`);
  });
});

describe('brokerlab validate <a file with 10,000 unknown keys>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the first 20 errors and counts the rest in one line', () => {
    const file = join(dir, 'many-keys.yaml');
    const keys = Array.from({ length: 10_000 }, (_, i) => `unknownKey${i}: ${i}\n`).join('');
    writeFileSync(file, `${readFileSync(`${ROOT}topologies/spring-boot-default.yaml`, 'utf8')}${keys}`);
    const { status, stdout, stderr } = brokerlab('validate', file);
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(41);
    expect(lines[40]).toBe(`${file}: ... and 9,980 more errors`);
  });
});
