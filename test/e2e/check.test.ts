/** `brokerlab check` and `brokerlab replay` as a user runs them. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { schemaValidator } from '../support/schemas.js';

const TOPOLOGY = 'topologies/spring-boot-default.yaml';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'brokerlab-check-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('brokerlab check', () => {
  it('exits 1 with the counterexample, a sequence diagram and a replay command that reproduces it byte for byte', async () => {
    const out = join(dir, 'counterexample.json');
    const check = await runCli(['check', TOPOLOGY, '--runs', '50', '--out', out, '--json']);
    expect(check.code).toBe(1);
    const doc = JSON.parse(check.stdout);
    const validate = await schemaValidator('check');
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.status).toBe('fail');
    expect(doc.counterexample.sequenceDiagram).toMatch(/^sequenceDiagram/);
    const replay: string[] = doc.counterexample.replay.split(' ');
    expect(replay.slice(0, 3)).toEqual(['brokerlab', 'replay', TOPOLOGY]);
    const bySeed = await runCli([...replay.slice(1), '--json']);
    expect(bySeed.code).toBe(1);
    expect(bySeed.stdout).toBe(`${JSON.stringify(doc.counterexample.result, null, 2)}\n`);
    const bySchedule = await runCli(['replay', TOPOLOGY, '--schedule', out, '--json']);
    expect(bySchedule.code).toBe(1);
    expect(bySchedule.stdout).toBe(bySeed.stdout);
  });

  it('prints a readable timeline, the broken guarantee and the replay command', async () => {
    const check = await runCli(['check', TOPOLOGY, '--runs', '50']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^check spring-boot-default: seed 7/);
    expect(check.stdout).toMatch(/FAIL: lostAcknowledged measured \d+ messages?, allowed 0 messages/);
    expect(check.stdout).toContain('process-crash');
    expect(check.stdout).toMatch(
      /replay: brokerlab replay topologies\/spring-boot-default\.yaml --seed 7 --path [\d:]+/,
    );
  });

  it('exits 0 when every guarantee holds, and shows coverage', async () => {
    const check = await runCli([
      'check',
      'topologies/central-cluster.yaml',
      '--runs',
      '10',
      '--duration',
      '10s',
    ]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('PASS: every guarantee held in 10 runs');
    expect(check.stdout).toMatch(/coverage: faults touched messages in \d+ of 10 runs/);
  });

  it('spreads the search over worker threads and still names a replayable counterexample', async () => {
    const check = await runCli(['check', TOPOLOGY, '--runs', '40', '--workers', '2', '--json']);
    expect(check.code).toBe(1);
    const doc = JSON.parse(check.stdout);
    const replay: string[] = doc.counterexample.replay.split(' ');
    const replayed = await runCli([...replay.slice(1), '--json']);
    expect(replayed.stdout).toBe(`${JSON.stringify(doc.counterexample.result, null, 2)}\n`);
  });

  it('rejects bad usage with exit 2 and one clear line', async () => {
    for (const args of [
      ['check', TOPOLOGY, '--runs', 'many'],
      ['check', TOPOLOGY, '--guarantee', 'lossless'],
      ['check', TOPOLOGY, '--guarantee', 'maxUnavailable=soon'],
      ['check', TOPOLOGY, '--kinds', 'meteor-strike'],
      ['check', 'topologies/embedded-hub.yaml', '--guarantee', 'nothing=1'],
      ['replay', TOPOLOGY],
      ['replay', TOPOLOGY, '--seed', '7', '--path', 'x:y'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^brokerlab: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('points at the line of a broken counterexample file', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      '{\n  "format": "brokerlab.counterexample/1",\n  "topology": "x",\n  "replicas": [1],\n  "duration": "30s",\n  "schedule": [{ "at": "1s", "kind": "process-crash", "target": "notifier-9" }]\n}\n',
    );
    const r = await runCli(['replay', TOPOLOGY, '--schedule', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:6:`);
    expect(r.stderr).toContain('notifier-9');
  });
});
