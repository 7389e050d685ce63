/**
 * `--costs FILE` as a user gives it: the values change what is simulated, key by key over the
 * topology's own; a bad costs file is an error with its file:line:column and exit code 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'brokerlab-costs-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CENTRAL = 'topologies/central-cluster.yaml';

describe('--costs FILE', () => {
  it('changes the simulation: a slower fsync (central-cluster keeps its store on NFS), slower persistent sends', async () => {
    const slow = join(dir, 'slow.yaml');
    writeFileSync(slow, 'costs:\n  fsyncNfs: 50ms\n'); // central-cluster's store is on NFS
    const args = ['--duration', '10s', '--json'];
    const [base, slowed] = await Promise.all([
      runCli(['simulate', CENTRAL, ...args]),
      runCli(['simulate', CENTRAL, '--costs', slow, ...args]),
    ]);
    expect(slowed.code, slowed.stderr).toBe(0);
    const p50 = (text: string) => (JSON.parse(text) as { latency: { p50Us: number } }).latency.p50Us;
    expect(p50(slowed.stdout)).toBeGreaterThan(p50(base.stdout));
  });

  it('is checked like a topology: file:line:column, exit 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'costs:\n  fsyncSsd: 800\n');
    for (const command of ['simulate', 'plan', 'check', 'compare', 'sweep']) {
      const args =
        command === 'sweep'
          ? ['--vary', 'cluster.brokers=2..3']
          : command === 'compare'
            ? ['topologies/embedded-per-process.yaml']
            : [];
      const run = await runCli([command, CENTRAL, ...args, '--costs', bad]);
      expect(run.code, command).toBe(2);
      expect(run.stderr, command).toContain(
        `${bad}:2:13: costs.fsyncSsd is \`800\`, a number without a unit`,
      );
    }
  });
});

describe('calibrate, before it starts anything', () => {
  it('refuses a --broker that is not tcp://host:port, or where nothing listens, with exit 2', async () => {
    const out = join(dir, 'never.yaml');
    const bad = await runCli(['calibrate', '--broker', 'localhost:61616', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('give it as tcp://host:port');
    const nobody = await runCli(['calibrate', '--broker', 'tcp://127.0.0.1:1', '--out', out]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('nothing accepts connections there');
    const disk = await runCli(['calibrate', '--disk', 'tape', '--out', out]);
    expect(disk.code).toBe(2);
    expect(disk.stderr).toContain('--disk `tape` is not one of ssd, hdd, nfs');
  });
});
