/**
 * Costs files (schemas/costs.schema.json): the topology's cost table in a file of its own, named
 * by a topology (`costs: ./costs.yaml`) or given on the command line (`--costs FILE`).
 * Precedence, key by key: defaults < the topology's costs (inline or its file) < --costs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../src/model/defaults.js';
import {
  type CostsTable,
  loadCostsFile,
  loadCostsText,
  loadTopologyFile,
  loadTopologyText,
} from '../../../src/topology/load.js';
import { costKeys } from '../../../src/topology/schema.js';

const TOPOLOGY =
  'name: x\nlayout: embedded\ndestinations:\n  - name: orders\napplications:\n  - id: orders\n';

const GOOD = `# measured by hand
costs:
  lanRoundTrip: 60us
  fsyncSsd: 2.5ms
  marshalPerKiB: 300ns
measured:
  lanRoundTrip:
    min: 50us
    median: 60us
    max: 90us
    repetitions: 3
    measuredBy: TCP connect to the broker's port
machine:
  cpus: 2
  loadAverage: [1.5, 1.2, 1.0]
`;

function errorsOf(text: string): string[] {
  const result = loadCostsText(text, 'c.yaml');
  if (result.ok) throw new Error('the costs file loaded');
  return result.errors.map(
    (e) => `${e.file}:${e.line}:${e.column} ${e.message}${e.hint ? ` (${e.hint})` : ''}`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'brokerlab-costs-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a costs file', () => {
  it('loads the costs table as written', () => {
    const result = loadCostsText(GOOD, 'c.yaml');
    expect(result.ok && result.costs).toEqual({
      lanRoundTrip: '60us',
      fsyncSsd: '2.5ms',
      marshalPerKiB: '300ns',
    });
  });

  it('holds exactly the topology schema cost keys', () => {
    expect(costKeys()).toContain('fsyncSsd');
    for (const key of costKeys()) {
      const result = loadCostsText(`costs:\n  ${key}: ${key === 'maximumRedeliveries' ? 3 : '1ms'}\n`);
      expect(result.ok, key).toBe(true);
    }
  });

  it('rejects an unknown cost key where it is, with the key it resembles', () => {
    expect(errorsOf('costs:\n  lanRoundTrip: 60us\n  fsyncSSD: 1ms\n')).toEqual([
      'c.yaml:3:3 unknown key `fsyncSSD` in costs (did you mean `fsyncSsd`?)',
    ]);
  });

  it('rejects an unknown key in measured, which holds the keys of costs', () => {
    const text =
      'costs:\n  brokerCpu: 12us\nmeasured:\n  brokerCPU:\n    min: 1us\n    median: 1us\n    max: 1us\n    repetitions: 1\n    measuredBy: x\n';
    expect(errorsOf(text)).toEqual([
      'c.yaml:4:3 unknown key `brokerCPU` in measured: it holds the keys of costs (did you mean `brokerCpu`?)',
    ]);
  });

  it('requires units, as a topology does', () => {
    expect(errorsOf('costs:\n  fsyncSsd: 800\n')[0]).toMatch(
      /^c\.yaml:2:13 costs\.fsyncSsd is `800`, a number without a unit/,
    );
  });

  it('bounds values as a topology does', () => {
    expect(errorsOf('costs:\n  marshalPerKiB: 2s\n')[0]).toMatch(
      /^c\.yaml:2:18 costs\.marshalPerKiB is `2s`; a per-KiB cost must be whole nanoseconds and at most 1s/,
    );
  });

  it('needs its costs table, and a spread needs how it was measured', () => {
    expect(errorsOf('measured: {}\n')[0]).toMatch(
      /^c\.yaml:1:1 the document is missing the required key `costs`/,
    );
    expect(
      errorsOf(
        'costs: {}\nmeasured:\n  vmHop:\n    min: 1us\n    median: 1us\n    max: 1us\n    repetitions: 1\n',
      )[0],
    ).toMatch(/^c\.yaml:4:5 measured\.vmHop is missing the required key `measuredBy`/);
  });

  it('reports a file that cannot be read, at 1:1', async () => {
    const result = await loadCostsFile(join(dir, 'absent.yaml'));
    expect(!result.ok && result.errors[0]!.message).toBe('cannot read the costs file: no such file');
  });
});

describe('a topology with costs', () => {
  const costsFile = join(dir, 'costs.yaml');
  writeFileSync(costsFile, GOOD);

  it('named by path, relative to the topology file', async () => {
    const topologyFile = join(dir, 't.yaml');
    writeFileSync(topologyFile, `${TOPOLOGY}costs: ./costs.yaml\n`);
    const result = await loadTopologyFile(topologyFile);
    expect(result.ok && result.topology.costs).toEqual({
      ...DEFAULT_COSTS,
      lanRoundTripUs: 60,
      fsyncSsdUs: 2_500,
      marshalNsPerKiB: 300,
    });
  });

  it('that names a missing file: the error points at `costs` in the topology', async () => {
    const topologyFile = join(dir, 'missing.yaml');
    writeFileSync(topologyFile, `${TOPOLOGY}costs: ./nope.yaml\n`);
    const result = await loadTopologyFile(topologyFile);
    expect(!result.ok && result.errors[0]).toMatchObject({ file: topologyFile, line: 7, column: 8 });
    expect(!result.ok && result.errors[0]!.message).toContain('which cannot be read');
  });

  it('that names a bad costs file: the errors point into the costs file', async () => {
    writeFileSync(join(dir, 'bad-costs.yaml'), 'costs:\n  vmHop: fast\n');
    const topologyFile = join(dir, 'bad.yaml');
    writeFileSync(topologyFile, `${TOPOLOGY}costs: bad-costs.yaml\n`);
    const result = await loadTopologyFile(topologyFile);
    expect(!result.ok && result.errors[0]).toMatchObject({
      file: join(dir, 'bad-costs.yaml'),
      line: 2,
      column: 10,
    });
  });

  it('named in text that was not read from a file: an error, not a silent default', () => {
    const result = loadTopologyText(`${TOPOLOGY}costs: ./costs.yaml\n`, 't.yaml');
    expect(!result.ok && result.errors[0]!.message).toContain('this topology was not read from a file');
  });

  it('--costs wins key by key over inline costs; keys it lacks keep the topology value', () => {
    const commandLine: CostsTable = { fsyncSsd: '3ms' };
    const result = loadTopologyText(`${TOPOLOGY}costs:\n  fsyncSsd: 1ms\n  brokerCpu: 20us\n`, 't.yaml', {
      costs: commandLine,
    });
    expect(result.ok && result.topology.costs).toEqual({
      ...DEFAULT_COSTS,
      fsyncSsdUs: 3_000,
      brokerCpuUs: 20,
    });
  });

  it('--costs wins over the file the topology names', async () => {
    const topologyFile = join(dir, 't2.yaml');
    writeFileSync(topologyFile, `${TOPOLOGY}costs: ./costs.yaml\n`);
    const result = await loadTopologyFile(topologyFile, { lanRoundTrip: '1ms' });
    expect(result.ok && result.topology.costs.lanRoundTripUs).toBe(1_000);
    expect(result.ok && result.topology.costs.fsyncSsdUs).toBe(2_500);
  });
});
