/** `brokerlab plan`, `diagram` and the CLI's usage errors, as a user runs them. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { mermaidParse } from '../support/mermaidParse.js';
import { schemaValidator } from '../support/schemas.js';

const bundled = readdirSync('topologies')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `topologies/${f}`);

describe('brokerlab plan', () => {
  it('prints the static figures, the client URIs and the lints', async () => {
    const r = await runCli(['plan', 'topologies/embedded-per-process.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/deployment units\s+105/);
    expect(r.stdout).toMatch(/persistent stores\s+105/);
    expect(r.stdout).toMatch(/bridges\s+5,460/);
    expect(r.stdout).toContain('vm://orders-0?create=false');
    expect(r.stdout).toContain('mesh-growth');
  });

  it('prints JSON conforming to schemas/plan.schema.json, one document per file or an array', async () => {
    const validate = await schemaValidator('plan');
    const one = await runCli(['plan', 'topologies/central-cluster.yaml', '--json']);
    expect(one.code).toBe(0);
    const doc = JSON.parse(one.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.figures.persistentStores).toBe(1);
    expect(doc.connections[0].uri).toBe(
      'failover:(tcp://broker-0:61616,tcp://broker-1:61616)?randomize=false',
    );
    const all = await runCli(['plan', ...bundled, '--json']);
    const docs = JSON.parse(all.stdout);
    expect(docs).toHaveLength(bundled.length);
    for (const d of docs) expect(validate(d), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('brokerlab diagram', () => {
  it('prints a mermaid flowchart that parses, or a markdown block with --markdown', async () => {
    const r = await runCli(['diagram', 'topologies/hybrid-store-and-forward.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^flowchart LR\n/);
    await expect(mermaidParse(r.stdout)).resolves.toBeTruthy();
    const md = await runCli(['diagram', 'topologies/hybrid-store-and-forward.yaml', '--markdown']);
    expect(md.stdout).toBe(`\`\`\`mermaid\n${r.stdout}\`\`\`\n`);
  });
});

describe('usage', () => {
  it('answers --help with exit 0, and a missing or unknown command with exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'validate',
      'plan',
      'diagram',
      'simulate',
      'check',
      'replay',
      'compare',
      'sweep',
    ]) {
      expect(help.stdout).toContain(command);
      expect((await runCli([command, '--help'])).code).toBe(0);
    }
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await runCli(['plan', 'no/such/file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('no/such/file.yaml:1:1: cannot read the topology: no such file\n');
  });
});
