/** `brokerlab export` as a user runs it: the files, the refusals, atomic replacement, --json and --help. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { schemaValidator } from '../support/schemas.js';

// Made when the tests run, not when a file is collected (`vitest list` runs no hooks).
let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'brokerlab-e2e-export-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('brokerlab export', () => {
  it('writes the brokers, clients, manifests and README of a topology into a new directory', async () => {
    const out = join(scratch, 'deploy');
    const r = await runCli(['export', 'topologies/central-cluster.yaml', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`central-cluster: 9 files in ${out}`);
    expect(readdirSync(out).sort()).toEqual([
      'README.md',
      'brokers',
      'clients',
      'compose.yaml',
      'kubernetes.yaml',
    ]);
    expect(readFileSync(join(out, 'brokers', 'broker-1', 'activemq.xml'), 'utf8')).toContain(
      'brokerName="broker-1"',
    );
    expect(readFileSync(join(out, 'clients', 'orders', 'jndi.properties'), 'utf8')).toContain(
      'connection.ConnectionFactory.brokerURL=failover:(tcp://broker-0:61616,tcp://broker-1:61616)?randomize=false',
    );
  });

  it('refuses a non-empty directory without --force, and replaces it whole with --force', async () => {
    const out = join(scratch, 'taken');
    await runCli(['export', 'topologies/central-cluster.yaml', '--out', out]);
    writeFileSync(join(out, 'mine.txt'), 'keep me');
    const refused = await runCli(['export', 'topologies/spring-boot-default.yaml', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `brokerlab: --out ${out} is not empty; choose an empty or new directory, or add --force to replace it\n`,
    );
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).toBe('keep me');
    const forced = await runCli(['export', 'topologies/spring-boot-default.yaml', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(out)).not.toContain('mine.txt');
    expect(readdirSync(join(out, 'brokers'))).toContain('notifier-9');
    // Nothing of the staging directories is left beside it.
    expect(readdirSync(scratch).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('leaves a good export alone when the topology is bad, and says where the problem is', async () => {
    const out = join(scratch, 'good');
    await runCli(['export', 'topologies/central-cluster.yaml', '--out', out]);
    const bad = join(scratch, 'bad.yaml');
    writeFileSync(bad, 'name: x\nlayout: sideways\ndestinations: []\napplications: []\n');
    const r = await runCli(['export', bad, '--out', out, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:2:\d+/);
    expect(readdirSync(join(out, 'brokers'))).toEqual(['broker-0', 'broker-1']);
  });

  it('checks the output path before any work: a file, a place it cannot write, or no --out at all, is a usage error', async () => {
    const asFile = join(scratch, 'a-file');
    writeFileSync(asFile, '');
    const r = await runCli(['export', 'no-such-topology.yaml', '--out', asFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`brokerlab: --out ${asFile} is a file, not a directory\n`);
    const readOnly = join(scratch, 'read-only');
    await runCli(['export', 'topologies/central-cluster.yaml', '--out', readOnly]);
    chmodSync(readOnly, 0o555);
    try {
      const denied = await runCli([
        'export',
        'topologies/central-cluster.yaml',
        '--out',
        join(readOnly, 'sub', 'deploy'),
      ]);
      // root writes anywhere (CI runs as root): then the export simply succeeds.
      if (process.getuid?.() !== 0) {
        expect(denied.code).toBe(2);
        expect(denied.stderr).toBe(
          `brokerlab: cannot write --out ${join(readOnly, 'sub', 'deploy')}: ${readOnly} is not writable\n`,
        );
      } else expect(denied.code).toBe(0);
    } finally {
      chmodSync(readOnly, 0o755);
    }
    const missing = await runCli(['export', 'topologies/central-cluster.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--out <dir>' not specified");
  });

  it('prints JSON conforming to schemas/export.schema.json with --json', async () => {
    const validate = await schemaValidator('export');
    const out = join(scratch, 'json');
    const r = await runCli(['export', 'topologies/embedded-hub.yaml', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.brokers).toEqual(expect.arrayContaining(['broker-0', 'broker-1', 'orders-0', 'orders-99']));
    const paths = doc.files.map((f: { path: string }) => f.path);
    for (const b of doc.brokers) expect(paths).toContain(`brokers/${b}/activemq.xml`);
  });

  it('explains itself with --help', async () => {
    const r = await runCli(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--out <dir>');
    expect(r.stdout).toContain('--force');
  });
});
