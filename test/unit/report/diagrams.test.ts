/** Every diagram brokerlab generates parses with mermaid itself, whatever the names in the file. */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTopology } from '../../../src/check/search.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { counterexampleSequence } from '../../../src/report/mermaid/counterexampleSequence.js';
import { mermaidLabel } from '../../../src/report/mermaid/escape.js';
import { planFlowchart } from '../../../src/report/mermaid/planFlowchart.js';
import { loadTopologyFile, loadTopologyText } from '../../../src/topology/load.js';
import { topologyDocument, topologyNames } from '../../support/arbitraries.js';
import { mermaidParse } from '../../support/mermaidParse.js';

const seed = Number(process.env.FC_SEED ?? 20261125);

describe('the deployment flowchart', () => {
  it('parses for every bundled topology', async () => {
    for (const file of readdirSync('topologies').filter((f) => f.endsWith('.yaml'))) {
      const loaded = await loadTopologyFile(`topologies/${file}`);
      if (!loaded.ok) throw new Error(file);
      await expect(mermaidParse(planFlowchart(buildPlan(loaded.topology))), file).resolves.toBeTruthy();
    }
  });

  it('connects every node, the `... N more` replicas too, with a visible edge', async () => {
    for (const file of readdirSync('topologies').filter((f) => f.endsWith('.yaml'))) {
      const loaded = await loadTopologyFile(`topologies/${file}`);
      if (!loaded.ok) throw new Error(file);
      const chart = planFlowchart(buildPlan(loaded.topology));
      expect(chart, file).not.toContain('~~~'); // mermaid's invisible link
      const nodes = [...chart.matchAll(/^\s*(n\d+)[[{(]/gm)].map((m) => m[1]!);
      const edges = chart.split('\n').filter((l) => /\s(-->|---|-\.-|<-->|-\.->)/.test(l));
      const unconnected = nodes.filter((n) => !edges.some((l) => new RegExp(`(^|\\s)${n}(\\s|$)`).test(l)));
      expect(unconnected, `${file}\n${chart}`).toEqual([]);
    }
  });

  it(`parses for generated topologies with arbitrary names (seed ${seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(topologyDocument({ maxReplicas: 3, withFaults: false }), async (doc) => {
        const loaded = loadTopologyText(JSON.stringify(doc), 'generated.json');
        if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
        await mermaidParse(planFlowchart(buildPlan(loaded.topology)));
      }),
      { seed, numRuns: 60 },
    );
  });

  it(`keeps any text inside one quoted label (seed ${seed})`, () => {
    fc.assert(
      fc.property(topologyNames, (name) => {
        const label = mermaidLabel(name);
        expect(label.startsWith('"') && label.endsWith('"')).toBe(true);
        // Everything outside a small safe set is a mermaid entity code (#60;); nothing else may close or open syntax.
        expect(label.slice(1, -1).replace(/#\d+;/g, '')).not.toMatch(/["<>[\]{}|;#`%]/);
      }),
      { seed, numRuns: 500 },
    );
  });
});

describe('the counterexample sequence diagram', () => {
  it('parses, with hostile names in the topology', async () => {
    const loaded = loadTopologyText(
      `
name: "<script>alert(1)</script> --> x; %% end"
layout: embedded
destinations: [{ name: "q\\"uote] ; #x -- y" }]
applications:
  - id: app
    replicas: 2
    producers: [{ destination: "q\\"uote] ; #x -- y", rate: 50/s, persistent: false, sendMode: async }]
    consumers: [{ destination: "q\\"uote] ; #x -- y", processingTime: 18ms }]
embedded: { store: memory }
faults: { search: { kinds: [process-crash], maxFaults: 1 } }
simulation: { duration: 5s, drain: 5s }
guarantees: { lostAcknowledged: 0 }
`,
      'hostile.yaml',
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const outcome = checkTopology(loaded.topology, {
      guarantees: loaded.topology.guarantees,
      runs: 30,
      seed: 1,
    });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    const diagram = counterexampleSequence(outcome.trial);
    expect(diagram).not.toContain('<script>');
    await expect(mermaidParse(diagram)).resolves.toBeTruthy();
  });
});
