/**
 * The deployment-units reason follows the plan's real figures: a design that embeds brokers but
 * also runs hub brokers of its own is not "one deployment unit instead of two coupled processes".
 */
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/compare/compareTopologies.js';
import { recommend } from '../../../src/compare/recommend.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { reasonText } from '../../../src/report/decide/reasonText.js';
import { loadTopologyFile } from '../../../src/topology/load.js';
import { type FakeCandidate, fakeComparison } from '../../support/decideFixtures.js';

async function bundled(name: string): Promise<FakeCandidate> {
  const loaded = await loadTopologyFile(`topologies/${name}.yaml`);
  if (!loaded.ok) throw new Error(`${name} does not load`);
  const t = loaded.topology;
  return { label: name, layout: t.layout, figures: buildPlan(t).figures, outcomes: { baseline: {} } };
}

function deploymentReasons(c: Comparison): { outcome: string; winner: number | null; texts: string[] } {
  const v = recommend(c).verdicts.find((x) => x.concern === 'deployment')!;
  return { outcome: v.outcome, winner: v.winner, texts: v.reasons.map((r) => reasonText(c, r)) };
}

describe('deployment units', () => {
  it('does not credit the hub design with one unit instead of two coupled processes', async () => {
    const c = fakeComparison([await bundled('embedded-hub'), await bundled('central-cluster')], ['baseline']);
    const d = deploymentReasons(c);
    // 105 processes + 2 hub brokers against 105 clients + 2 brokers: the same.
    expect(d.outcome).toBe('tie');
    expect(d.texts.join('\n')).not.toContain('one deployment unit instead of two coupled processes');
    expect(d.texts.join('\n')).toContain('units to deploy 107 vs 107');
    expect(d.texts.join('\n')).toContain('separate broker processes 2 vs 2');
  });

  it('names the hub brokers a design runs beside its embedded ones', async () => {
    const c = fakeComparison(
      [await bundled('embedded-per-process'), await bundled('embedded-hub')],
      ['baseline'],
    );
    const d = deploymentReasons(c);
    expect(d.winner).toBe(0);
    expect(d.texts[0]).toBe(
      'an embedded broker is one deployment unit instead of two coupled processes: units to deploy 105 vs 107; embedded-hub also runs 2 broker processes of its own',
    );
  });

  it('keeps the FAQ phrase only for a winner with no broker process of its own', async () => {
    const c = fakeComparison(
      [await bundled('embedded-hub'), await bundled('central-network-of-brokers')],
      ['baseline'],
    );
    const d = deploymentReasons(c);
    expect(d.winner).toBe(0);
    expect(d.texts[0]).not.toContain('one deployment unit instead of two coupled processes');
    expect(d.texts[0]).toContain('units to deploy 107 vs 108');
  });
});
