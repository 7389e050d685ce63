/**
 * The counterexample's sequence diagram draws each fault on the participant it hit (issue 10):
 * a crash on the process or broker that died, a disk fault on the store it destroyed or slowed,
 * a partition across both sides; for every fault kind and every layout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultSpace } from '../../../src/check/faultSpace.js';
import { checkTopology, runSchedule } from '../../../src/check/search.js';
import { FAULT_KINDS, type FaultKind } from '../../../src/model/faultKinds.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { counterexampleSequence } from '../../../src/report/mermaid/counterexampleSequence.js';
import { processName } from '../../../src/topology/names.js';
import type { ScheduledFault, Topology } from '../../../src/topology/types.js';
import { REPO } from '../../support/cli.js';
import { mermaidParse } from '../../support/mermaidParse.js';
import { loadInline } from '../../support/simulateYaml.js';

const apps = `
destinations: [{ name: q }]
applications:
  - id: shop
    replicas: 2
    producers: [{ destination: q, rate: 20/s }]
  - id: worker
    replicas: 2
    consumers: [{ destination: q, processingTime: 5ms }]
simulation: { duration: 2s, drain: 2s }
guarantees: { lostAcknowledged: 0 }
`;

const LAYOUTS: Record<string, string> = {
  embedded: 'layout: embedded\nembedded: { store: kahadb, network: mesh }',
  'central shared-store': 'layout: central\ncluster: { brokers: 2, ha: shared-store }',
  'central network of brokers': 'layout: central\ncluster: { brokers: 3, ha: network-of-brokers }',
  'central replicated': 'layout: central\ncluster: { brokers: 3, ha: replicated }',
  hybrid: 'layout: hybrid\nembedded: { store: kahadb }\ncluster: { brokers: 2, ha: shared-store }',
};

/** What the test expects a fault to hit, from the file format's rules (not from the diagram code). */
function expectedHits(t: Topology, f: ScheduledFault): string[] {
  const disk = f.kind === 'disk-loss' || f.kind === 'slow-disk';
  const shared = t.cluster && ['shared-store', 'jdbc'].includes(t.cluster.ha);
  const hit = (name: string) =>
    !disk
      ? name
      : name === 'shared-store' || (shared && name.startsWith('broker-'))
        ? 'shared-store'
        : `store-${name}`;
  return f.peer ? [hit(f.target), hit(f.peer)] : [hit(f.target)];
}

function fault(kind: FaultKind, target: string, peer: string | null): ScheduledFault {
  const timed = kind === 'partition' || kind === 'slow-disk';
  return {
    atUs: 1_000_000,
    kind,
    target,
    peer,
    oneWay: false,
    durationUs: timed ? 500_000 : 0,
    restartAfterUs: timed ? null : -1,
    slowdownFactor: 10,
  };
}

/** Participant aliases to their labels, and the participants each note is over. */
function parse(diagram: string) {
  const labels = new Map(
    [...diagram.matchAll(/^ {2}participant (\w+) as (.*)$/gm)].map((m) => [m[1]!, m[2]!]),
  );
  const notes = [...diagram.matchAll(/^ {2}Note over ([\w,]+): (.*)$/gm)].map((m) => ({
    over: m[1]!.split(',').map((id) => labels.get(id)!),
    text: m[2]!,
  }));
  return { labels, notes };
}

describe('the counterexample sequence diagram', () => {
  for (const [layout, yaml] of Object.entries(LAYOUTS)) {
    it(`draws every fault kind on the participant it hit: ${layout}`, async () => {
      const topology = loadInline(`name: t\n${yaml}\n${apps}`);
      const space = faultSpace(buildPlan(topology), { kinds: [...FAULT_KINDS] });
      expect(space.kinds.length).toBeGreaterThan(2);
      for (const kind of space.kinds) {
        for (const ref of space.targets.get(kind)!) {
          const target =
            ref.kind === 'process'
              ? processName(topology.applications[ref.app]!.id, ref.replica)
              : ref.kind === 'broker'
                ? ref.name
                : 'shared-store';
          const peer = kind === 'partition' ? (target === 'shop-0' ? 'worker-1' : 'shop-0') : null;
          const f = fault(kind, target, peer);
          const trial = runSchedule(topology, [2, 2], [f], { guarantees: topology.guarantees });
          const diagram = counterexampleSequence(trial);
          const note = parse(diagram).notes.find((n) => n.text.includes(`${kind} ${target}`));
          const what = `${kind} of ${target} (${layout})`;
          expect(note, `${what}:\n${diagram}`).toBeDefined();
          const expected = expectedHits(topology, f);
          expect(note!.over.length, what).toBe(expected.length);
          const { labels } = parse(diagram);
          note!.over.forEach((label, i) => {
            // The label names that instance, and no other participant names it.
            const names = (l: string) => new RegExp(`(^| )${expected[i]}( |$)`).test(l);
            expect(label, what).toSatisfy(names);
            expect([...labels.values()].filter(names), what).toHaveLength(1);
          });
          await mermaidParse(diagram);
        }
      }
    });
  }
});

describe('the counterexample sequence diagram and sends without an answer', () => {
  const topology = loadInline(
    readFileSync(join(REPO, 'test/fixtures/check/central-failover-timeout.yaml'), 'utf8'),
  );
  const failing = () => {
    const outcome = checkTopology(topology, { guarantees: topology.guarantees, runs: 20, seed: 1 });
    if (outcome.status !== 'fail') throw new Error('expected a counterexample');
    return outcome.trial;
  };

  it('notes them over the producer, as the check text counts them, whichever guarantee broke', async () => {
    const trial = failing();
    trial.result.outcomeUnknown = { sends: 2, recovered: 1, gone: 0, held: 1 };
    const diagram = counterexampleSequence(trial);
    const producer = /participant (p\d+) as app-0/.exec(diagram)?.[1];
    expect(producer).toBeDefined();
    expect(diagram).toContain(
      `Note over ${producer}: sends without an answer 2 (delivered after all 1, gone 0, still held 1)`,
    );
    await mermaidParse(diagram);
  });

  it('draws no such note when every send had its answer', () => {
    const trial = failing();
    trial.result.outcomeUnknown = { sends: 0, recovered: 0, gone: 0, held: 0 };
    expect(counterexampleSequence(trial)).not.toContain('without an answer');
  });
});
