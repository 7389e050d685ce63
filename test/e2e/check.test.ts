/** `brokerlab check` and `brokerlab replay` as a user runs them. */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, runShell } from '../support/cli.js';
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

describe('a counterexample found against a --guarantee (issue 10)', () => {
  const CENTRAL = 'topologies/central-cluster.yaml';

  it('records the guarantees in force, with their names, units and origin, and replay fails the same way', async () => {
    const out = join(dir, 'unavailable.json');
    const check = await runCli(['check', CENTRAL, '--guarantee', 'maxUnavailable=5s', '--out', out]);
    expect(check.code).toBe(1);
    const fail = /^FAIL: .*$/m.exec(check.stdout)?.[0];
    expect(fail).toMatch(/^FAIL: maxUnavailable measured [\d.]+s, allowed 5s /);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    const validate = await schemaValidator('counterexample');
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.guarantees).toEqual({ lostAcknowledged: 0, maxUnavailable: '5s', maxPersistentStores: 10 });
    expect(doc.guaranteesFrom).toEqual({
      lostAcknowledged: 'file',
      maxUnavailable: '--guarantee',
      maxPersistentStores: 'file',
    });
    const replay = await runCli(['replay', CENTRAL, '--schedule', out]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(`${fail}\n`);
    expect(replay.stdout).toContain('maxUnavailable=5s (--guarantee)');
  });

  it('points at a bad guarantee in a counterexample file', async () => {
    const bad = join(dir, 'bad-guarantee.json');
    await writeFile(
      bad,
      '{\n  "format": "brokerlab.counterexample/2",\n  "topology": "central-cluster",\n  "replicas": [1, 1],\n  "duration": "30s",\n  "schedule": [],\n  "guarantees": { "maxUnavailable": "soon" },\n  "guaranteesFrom": { "maxUnavailable": "--guarantee" }\n}\n',
    );
    const r = await runCli(['replay', CENTRAL, '--schedule', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:7:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says so when an older counterexample file records no guarantees', async () => {
    const out = join(dir, 'old.json');
    await writeFile(
      out,
      JSON.stringify({
        format: 'brokerlab.counterexample/1',
        topology: 'central-cluster',
        replicas: [1, 1],
        duration: '30s',
        schedule: [{ at: '0s', kind: 'broker-crash', target: 'broker-0', restartAfter: '30s' }],
      }),
    );
    const replay = await runCli(['replay', CENTRAL, '--schedule', out]);
    expect(replay.code).toBe(0);
    expect(replay.stderr).toContain(
      `${out} records no guarantees (written by an older brokerlab): judging the guarantees of ${CENTRAL} and --guarantee instead`,
    );
  });

  it("prints the user's names and units everywhere: text, diagram, JSON and a replay hint that works", async () => {
    const text = await runCli(['check', CENTRAL, '--guarantee', 'maxUnavailable=5s']);
    expect(text.stdout).not.toMatch(/maxUnavailableUs|\d{7}|5000000us/);
    expect(text.stdout).toMatch(/broken: maxUnavailable measured [\d.]+s, allowed 5s/);
    const hint = /^replay: (.*)$/m.exec(text.stdout)![1]!;
    expect(hint).toContain('--guarantee maxUnavailable=5s');
    const replayed = await runCli(hint.split(' ').slice(1));
    expect(replayed.code).toBe(1);
    const json = JSON.parse(
      (await runCli(['check', CENTRAL, '--guarantee', 'maxUnavailable=5s', '--json'])).stdout,
    );
    const broken = json.counterexample.verdicts.find((v: { valid: boolean }) => !v.valid);
    expect(broken.name).toBe('maxUnavailable');
    expect(broken.summary).toMatch(/^maxUnavailable measured [\d.]+s, allowed 5s$/);
    expect(json.counterexample.replay).toBe(hint);
  });
});

describe('the smallest counterexample is minimal (issue 10)', () => {
  const MESH = 'test/fixtures/check/embedded-mesh-10.yaml';
  const SEARCH = ['--seed', '3', '--no-restarts', '--kinds', 'process-crash'];

  it('keeps only needed faults, says what the removal pass dropped, and prints a replay command that works as written', async () => {
    const out = join(dir, 'minimal.json');
    const check = await runCli(['check', MESH, ...SEARCH, '--out', out]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /after \d+ shrink steps and a removal pass that dropped [1-9]\d* faults?[ )]/,
    );
    const fail = /^FAIL: .*$/m.exec(check.stdout)![0];
    const doc = JSON.parse(await readFile(out, 'utf8'));
    // Every fault left is needed: without any one of them, the guarantees hold.
    for (let i = 0; i < doc.schedule.length; i++) {
      const fewer = join(dir, `minimal-without-${i}.json`);
      await writeFile(
        fewer,
        JSON.stringify({ ...doc, schedule: doc.schedule.filter((_: unknown, j: number) => j !== i) }),
      );
      const r = await runCli(['replay', MESH, '--schedule', fewer]);
      expect(r.code, `without fault ${i}`).toBe(0);
    }
    // The printed command, run by a shell exactly as printed, reproduces the minimal schedule.
    const hint = /^replay: (.*)$/m.exec(check.stdout)![1]!;
    expect(hint).toBe(`brokerlab replay ${MESH} --schedule ${out}`);
    const replayed = await runShell(hint);
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain(`${fail}\n`);
    const faults = replayed.stdout.split('\n').filter((l) => /\bprocess-crash\b/.test(l));
    expect(faults).toHaveLength(doc.schedule.length);
  });

  it('without --out, prints a command that writes the counterexample file and replays it, working as written', async () => {
    const cwd = await mkdtemp(join(dir, 'cwd-'));
    await copyFile(join(REPO, MESH), join(cwd, 'mesh.yaml'));
    const check = await runCli(['check', 'mesh.yaml', ...SEARCH], { cwd });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/a removal pass that dropped [1-9]\d* faults?/);
    const fail = /^FAIL: .*$/m.exec(check.stdout)![0];
    const hint = /^replay: (.*)$/m.exec(check.stdout)![1]!;
    expect(hint).toBe(
      'brokerlab check mesh.yaml --seed 3 --runs 100 --kinds process-crash --no-restarts --out counterexample.json > /dev/null; brokerlab replay mesh.yaml --schedule counterexample.json',
    );
    const replayed = await runShell(hint, { cwd });
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toContain(`${fail}\n`);
    expect(replayed.stdout).toContain('guarantees recorded in counterexample.json: ');
    const doc = JSON.parse(await readFile(join(cwd, 'counterexample.json'), 'utf8'));
    expect(doc.schedule.length).toBe(Number(/: (\d+) faults?, with/.exec(check.stdout)![1]));
  });
});
