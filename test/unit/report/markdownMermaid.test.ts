/** Acceptance: the ```mermaid blocks of compare and sweep markdown parse with mermaid itself. */
import { describe, expect, it } from 'vitest';
import { compareTopologies } from '../../../src/compare/compareTopologies.js';
import { recommend } from '../../../src/compare/recommend.js';
import { compareMarkdown } from '../../../src/report/markdown/compareMarkdown.js';
import { sweepMarkdown } from '../../../src/report/markdown/sweepMarkdown.js';
import { sweep } from '../../../src/sweep/sweep.js';
import { loadTopologyFile } from '../../../src/topology/load.js';
import { mermaidBlocks, mermaidParse } from '../../support/mermaidParse.js';

async function load(path: string) {
  const r = await loadTopologyFile(path);
  if (!r.ok) throw new Error(`${path} does not load`);
  return r.topology;
}

describe('markdown mermaid blocks', () => {
  it('are checked by a parser that rejects broken diagrams', async () => {
    await expect(mermaidParse('flowchart LR\n  a["x"] --> b[[[')).rejects.toThrow();
  });

  it('parse for every bundled topology compared, and for hostile names', async () => {
    const files = [
      'topologies/embedded-per-process.yaml',
      'topologies/central-cluster.yaml',
      'topologies/embedded-hub.yaml',
      'topologies/central-network-of-brokers.yaml',
      'topologies/hybrid-store-and-forward.yaml',
      'test/fixtures/decide/hostile-names.yaml',
    ];
    const c = compareTopologies(await Promise.all(files.map(load)), {
      seeds: [1],
      durationUs: 1e6,
      scenarios: ['baseline'],
    });
    const blocks = mermaidBlocks(compareMarkdown(c, recommend(c)));
    expect(blocks).toHaveLength(files.length);
    for (const block of blocks) await expect(mermaidParse(block)).resolves.toBeTruthy();
  });

  it('parse in a sweep report', async () => {
    const r = sweep(await load('topologies/embedded-per-process.yaml'), {
      vary: { path: 'applications.orders.replicas', from: '2', to: '4', steps: 2 },
      vs: await load('test/fixtures/decide/hostile-names.yaml'),
      planOnly: true,
    });
    if (!r.ok) throw new Error(r.message);
    const blocks = mermaidBlocks(sweepMarkdown(r.sweep));
    expect(blocks).toHaveLength(2);
    for (const block of blocks) await expect(mermaidParse(block)).resolves.toBeTruthy();
  });
});
