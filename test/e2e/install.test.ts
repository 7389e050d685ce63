/**
 * A fresh checkout: `npm ci` builds (the `prepare` script), so `npx brokerlab --help` works; the
 * bin script without a build says how to make one; `--version` names the package's version.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../support/cli.js';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};

describe('brokerlab --version', () => {
  it("prints package.json's version and exits 0", async () => {
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('a checkout without a build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-unbuilt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is built by npm ci and npm install (the prepare script)', () => {
    expect(pkg.scripts.prepare).toBe('npm run build');
  });

  it('bin/brokerlab.js says to run `npm run build`, in one line, and exits 2', () => {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(REPO, 'bin/brokerlab.js'), join(dir, 'bin/brokerlab.js'));
    const run = spawnSync(process.execPath, [join(dir, 'bin/brokerlab.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`brokerlab: not built yet: run \`npm run build\` in ${dir}/\n`);
  });
});
