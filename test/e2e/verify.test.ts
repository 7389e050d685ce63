/**
 * `brokerlab verify` as a user runs it, without a broker: usage errors, and a fault that one
 * machine cannot inject (skipped with its reason, simulated only). The real runs are in
 * test/real/verify.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { schemaValidator } from '../support/schemas.js';

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'brokerlab-e2e-verify-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('brokerlab verify', () => {
  it('skips a power loss with the reason, simulates it, gives no verdict, and writes valid JSON and HTML', async () => {
    const html = join(scratch, 'verify.html');
    const r = await runCli([
      'verify',
      'topologies/central-cluster.yaml',
      '--scenario',
      'power-loss',
      '--json',
      '--html',
      html,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect((await schemaValidator('verify'))(v)).toBe(true);
    expect(v.fault).toMatchObject({ kind: 'power-loss', target: 'broker-0', injected: null });
    expect(v.fault.skipped).toContain('cannot lose power on one machine');
    expect(v.real).toBeNull();
    expect(v.agree).toBeNull();
    expect(v.processes).toEqual([
      { app: 'billing', replicas: 2 },
      { app: 'orders', replicas: 2 },
    ]);
    expect(v.simulated.fates.sent).toBeGreaterThan(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<td>loss category</td>');
    expect(page).toContain('nothing ran for real');
  });

  it('prints the skipped fault and the simulated column as a table', async () => {
    const r = await runCli(['verify', 'topologies/central-cluster.yaml', '--scenario', 'power-loss']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fault power-loss on broker-0: skipped, cannot lose power on one machine');
    expect(r.stdout).toMatch(/^loss category\s+-\s+none$/m);
    expect(r.stdout).toContain('nothing ran for real: no verdict');
  });

  it.each([
    [
      ['--scenario', 'baseline'],
      '--scenario baseline: expected one of process-crash, broker-crash, power-loss, disk-loss',
    ],
    [
      ['--max-processes', '1'],
      '--max-processes 1: expected a whole number, at least the number of applications (2)',
    ],
    [['--max-processes', 'many'], '--max-processes many: expected a whole number'],
  ])('refuses %j with exit 2 and says what is expected', async (args, message) => {
    const r = await runCli(['verify', 'topologies/central-cluster.yaml', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('refuses a scenario with nothing to hit in the topology', async () => {
    const r = await runCli(['verify', 'topologies/embedded-per-process.yaml', '--scenario', 'broker-crash']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'brokerlab: --scenario broker-crash: embedded-per-process has nothing it could hit (no broker of its own: try process-crash)\n',
    );
  });
});
