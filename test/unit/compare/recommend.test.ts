/** recommend on hand-made comparisons: winners, ties within noise, mixed answers, and reasons that quote the table. */
import { describe, expect, it } from 'vitest';
import { cellData } from '../../../src/compare/cells.js';
import type { Comparison } from '../../../src/compare/compareTopologies.js';
import { recommend } from '../../../src/compare/recommend.js';
import type { ConcernId, Verdict } from '../../../src/compare/recommendation.js';
import { comparisonTable, tableRows } from '../../../src/report/decide/comparisonTable.js';
import { formatQuote } from '../../../src/report/decide/formatCell.js';
import { reasonText, verdictHeadline } from '../../../src/report/decide/reasonText.js';
import { type FakeCandidate, fakeComparison, zeros } from '../../support/decideFixtures.js';

const EMBEDDED: FakeCandidate = {
  label: 'embedded',
  layout: 'embedded',
  figures: { persistentStores: 100, deploymentUnits: 100, brokerInstances: 100 },
  ceiling: 50_000,
  outcomes: {
    baseline: { p50: [250, 260, 255], p99: [300, 310, 305] },
    'process-crash': {
      lost: zeros(),
      duplicated: zeros(),
      stranded: [5, 6, 7],
      sendGap: zeros(),
      atRisk: [5, 6, 7],
    },
  },
};

const CENTRAL: FakeCandidate = {
  label: 'central',
  layout: 'central',
  figures: {
    persistentStores: 1,
    deploymentUnits: 102,
    brokerInstances: 2,
    clusterBrokers: 2,
    backupFootprintBytes: 36 * 1024 * 1024,
  },
  ceiling: 9_743,
  outcomes: {
    baseline: { p50: [1000, 1010, 990], p99: [1400, 1390, 1410] },
    'process-crash': {
      lost: zeros(),
      duplicated: zeros(),
      stranded: zeros(),
      sendGap: zeros(),
      atRisk: zeros(),
    },
    'broker-crash': {
      lost: zeros(),
      duplicated: [3, 4, 2],
      stranded: zeros(),
      sendGap: [9e6, 10e6, 9.5e6],
      failover: [9e6, 10e6, 9.5e6],
    },
  },
};

const SCENARIOS = ['baseline', 'process-crash', 'broker-crash'] as const;

function verdict(c: Comparison, concern: ConcernId): Verdict {
  return recommend(c).verdicts.find((v) => v.concern === concern)!;
}

function texts(c: Comparison, v: Verdict): string[] {
  return v.reasons.map((r) => reasonText(c, r));
}

describe('recommend', () => {
  const c = fakeComparison([EMBEDDED, CENTRAL], [...SCENARIOS]);

  it('gives latency to the vm:// candidate, in the FAQ terms, quoting p99 and p50', () => {
    const v = verdict(c, 'latency');
    expect(v.outcome).toBe('winner');
    expect(v.winner).toBe(0);
    expect(texts(c, v)[0]).toBe(
      'embedding saves a network hop and serialization (vm:// instead of tcp://): p99 305us vs 1.4ms; p50 255us vs 1ms',
    );
    expect(texts(c, v)[1]).toContain('sync sends wait for a faster journal fsync: ssd · fsync 800us');
  });

  it('says that vm:// saves the hop only inside a process when the bridged embedded mesh loses on latency', () => {
    const bridged: FakeCandidate = {
      ...EMBEDDED,
      outcomes: {
        baseline: { p50: [1500, 1510, 1490], p99: [2000, 2010, 1990], forwarded: [5000, 5100, 5050] },
      },
    };
    const central: FakeCandidate = {
      ...CENTRAL,
      outcomes: { baseline: { ...CENTRAL.outcomes.baseline, forwarded: zeros() } },
    };
    const cb = fakeComparison([bridged, central], ['baseline']);
    const v = verdict(cb, 'latency');
    expect(v.winner).toBe(1);
    expect(texts(cb, v)[1]).toBe(
      'vm:// saves the network hop only inside a process: with producers and consumers in different services, embedded brokers forward messages over network bridges anyway: forwarded 0 vs 5,050',
    );
  });

  it('gives stores to back up to the central cluster, and deployment units to embedding', () => {
    const stores = verdict(c, 'stores');
    expect(stores.winner).toBe(1);
    expect(texts(c, stores)[0]).toContain(
      'each embedded broker has its own persistent store to back up and manage',
    );
    expect(texts(c, stores)[0]).toContain('persistent stores 1 vs 100');
    const units = verdict(c, 'deployment');
    expect(units.winner).toBe(0);
    expect(texts(c, units)[0]).toBe(
      'an embedded broker is one deployment unit instead of two coupled processes: units to deploy 100 vs 102; central also runs 2 broker processes of its own',
    );
  });

  it('says that a process crash strands the embedded process messages until it restarts', () => {
    const v = verdict(c, 'stranded');
    expect(v.outcome).toBe('winner');
    expect(v.winner).toBe(1);
    expect(texts(c, v)[0]).toBe(
      "process crash: every process crash strands that process's stored messages until it restarts (30s): stranded 0 vs 6",
    );
  });

  it('says that a power loss strands the embedded process messages as a crash does', () => {
    const power = fakeComparison(
      [
        { ...EMBEDDED, outcomes: { 'power-loss': { stranded: [5, 6, 7] } } },
        { ...CENTRAL, outcomes: { 'power-loss': { stranded: zeros() } } },
      ],
      ['power-loss'],
    );
    expect(texts(power, verdict(power, 'stranded'))[0]).toBe(
      'power loss: a process whose host lost power strands its stored messages until it restarts (30s): stranded 0 vs 6',
    );
  });

  it('reports a scenario that applies to one candidate only, without a verdict from it', () => {
    const v = verdict(c, 'duplicates');
    expect(v.outcome).toBe('tie');
    expect(texts(c, v)).toEqual([
      'no difference: process crash 0 vs 0',
      'broker crash applies only to central (an embedded broker has no process of its own: it dies with its application): duplicated 3',
    ]);
  });

  it('calls a difference within noise a tie', () => {
    const noisy = fakeComparison(
      [
        { ...EMBEDDED, outcomes: { baseline: { p50: [900, 1100, 1000], p99: [1000, 1500, 900] } } },
        { ...CENTRAL, outcomes: { baseline: { p50: [950, 1050, 1000], p99: [1100, 1300, 1000] } } },
      ],
      ['baseline'],
    );
    const v = verdict(noisy, 'latency');
    expect(v.outcome).toBe('tie');
    expect(verdictHeadline(noisy, v)).toBe('tie');
    expect(texts(noisy, v)[0]).toMatch(/^within noise: p99 /);
  });

  it('says the answer depends on the fault when each candidate loses less under a different one', () => {
    const mixed = fakeComparison(
      [
        { ...EMBEDDED, outcomes: { 'process-crash': { lost: [4, 5, 6] }, 'disk-loss': { lost: zeros() } } },
        { ...CENTRAL, outcomes: { 'process-crash': { lost: zeros() }, 'disk-loss': { lost: [40, 50, 45] } } },
      ],
      ['process-crash', 'disk-loss'],
    );
    const v = verdict(mixed, 'loss');
    expect(v.outcome).toBe('mixed');
    expect(verdictHeadline(mixed, v)).toBe('depends on the fault');
    expect(texts(mixed, v)).toHaveLength(2);
  });

  it('does not give a fault concern to a candidate that is worse under another fault', () => {
    const three = fakeComparison(
      [
        {
          ...EMBEDDED,
          outcomes: { 'process-crash': { lost: zeros() }, 'disk-loss': { lost: [40, 50, 45] } },
        },
        { ...CENTRAL, outcomes: { 'process-crash': { lost: [4, 5, 6] }, 'disk-loss': { lost: zeros() } } },
        {
          ...CENTRAL,
          label: 'hub',
          outcomes: { 'process-crash': { lost: [4, 5, 6] }, 'disk-loss': { lost: zeros() } },
        },
      ],
      ['process-crash', 'disk-loss'],
    );
    expect(verdict(three, 'loss').outcome).toBe('mixed');
  });

  it('marks verdicts from a single replication as untested', () => {
    const one = fakeComparison(
      [
        { ...EMBEDDED, outcomes: { baseline: { p50: [250], p99: [300] } } },
        { ...CENTRAL, outcomes: { baseline: { p50: [1000], p99: [1400] } } },
      ],
      ['baseline'],
      [1],
    );
    const v = verdict(one, 'latency');
    expect(v.tested).toBe(false);
    expect(verdictHeadline(one, v)).toBe('embedded (one seed: noise unknown)');
  });

  it('names each candidate in a reason when there are more than two', () => {
    const three = fakeComparison(
      [EMBEDDED, CENTRAL, { ...CENTRAL, label: 'hub', figures: { persistentStores: 2 } }],
      [...SCENARIOS],
    );
    expect(texts(three, verdict(three, 'stores'))[0]).toContain(
      'persistent stores 1 (central) vs 100 (embedded), 2 (hub)',
    );
  });

  it('quotes only cells of the comparison table, with the values the table shows', () => {
    const rows = tableRows(comparisonTable(c));
    for (const v of recommend(c).verdicts)
      for (const reason of v.reasons)
        for (const part of reason) {
          if (typeof part === 'string') continue;
          const row = rows.get(part.row);
          expect(row, `${v.concern} quotes ${part.row}, which the table lacks`).toBeDefined();
          const quoted = formatQuote(cellData(c.candidates[part.candidate]!, part.row));
          expect(row!.cells[part.candidate]!.startsWith(quoted)).toBe(true);
        }
  });
});
