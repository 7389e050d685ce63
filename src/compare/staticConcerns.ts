/**
 * The concerns decided without faults: latency (baseline replications), the throughput
 * ceiling, stores to back up and deployment units (exact figures). Reasons use the FAQ's terms
 * ("Should I deploy the broker inside my JVM or AppServer").
 */
import type { Better } from '../stats/compareSamples.js';
import { metricRow } from './cells.js';
import type { Comparison } from './compareTopologies.js';
import { type Decision, decide } from './decide.js';
import { concernOutcome, type PairVerdict, pairVerdicts } from './pairwise.js';
import { othersThan, pairNote, quote, versus } from './reasonParts.js';
import type { Reason, Verdict } from './recommendation.js';

const P99 = metricRow('p99', 'baseline');
const P50 = metricRow('p50', 'baseline');
const FORWARDED = metricRow('forwarded', 'baseline');

function forwardedMean(c: Comparison, i: number): number {
  return c.candidates[i]!.outcomes.find((o) => o.scenario === 'baseline')?.metrics.forwarded.mean ?? 0;
}

export function latencyVerdict(c: Comparison): Verdict {
  const samples = c.candidates.map((k) => {
    const o = k.outcomes.find((x) => x.scenario === 'baseline');
    return o?.applies && o.metrics.p99.n > 0 ? o.metrics.p99.samples : null;
  });
  const d = decide(samples, 'lower');
  const base = { concern: 'latency' as const, title: 'latency', tested: d.tested, ...pairwise(c, d) };
  if (d.outcome === 'n/a' || d.best === null)
    return { ...base, outcome: 'n/a', winner: null, reasons: [['no baseline latency to compare']] };
  const others = othersThan(d.measured, d.best);
  const figures: Reason = [
    'p99 ',
    ...versus(c, P99, d.best, others),
    '; p50 ',
    ...versus(c, P50, d.best, others),
    ...pairNote(c, base.pairs),
  ];
  const allTied = base.pairs.every((p) => p.outcome !== 'winner');
  if (d.outcome === 'tie')
    return {
      ...base,
      outcome: 'tie',
      winner: null,
      reasons: [[allTied ? 'within noise: ' : '', ...figures]],
    };
  const w = c.candidates[d.best]!.setup;
  const losers = others.map((i) => c.candidates[i]!.setup);
  const savesHop = w.transport === 'vm' && losers.every((l) => l.transport !== 'vm');
  const reasons: Reason[] = [
    [
      savesHop ? 'embedding saves a network hop and serialization (vm:// instead of tcp://): ' : '',
      ...figures,
    ],
  ];
  // The FAQ's saving holds only where producer and consumer share a process.
  const bridged = others.filter((i) => c.candidates[i]!.setup.transport === 'vm' && forwardedMean(c, i) > 0);
  if (w.transport !== 'vm' && bridged.length > 0)
    reasons.push([
      'vm:// saves the network hop only inside a process: with producers and consumers in different services, embedded brokers forward messages over network bridges anyway: forwarded ',
      ...versus(c, FORWARDED, d.best, others),
    ]);
  if (w.fsyncUs !== null && losers.every((l) => l.fsyncUs !== null && l.fsyncUs > w.fsyncUs!))
    reasons.push(['sync sends wait for a faster journal fsync: ', ...versus(c, 'store', d.best, others)]);
  return { ...base, outcome: 'winner', winner: d.best, reasons };
}

export function throughputVerdict(c: Comparison): Verdict {
  const d = decideExact(
    c.candidates.map((k) => (k.ceiling.messagesPerSecond > 0 ? k.ceiling.messagesPerSecond : null)),
    'higher',
  );
  const base = {
    concern: 'throughput' as const,
    title: 'throughput ceiling',
    tested: true,
    ...pairwise(c, d),
  };
  if (d.best === null)
    return { ...base, outcome: 'n/a', winner: null, reasons: [['no producer: nothing to saturate']] };
  const others = othersThan(d.measured, d.best);
  const reasons: Reason[] = [
    [
      'cost-model ceiling ',
      ...versus(c, 'throughputCeiling', d.best, others),
      '; the busiest resource: ',
      ...versus(c, 'bottleneck', d.best, others),
      ...pairNote(c, base.pairs),
    ],
  ];
  return { ...base, outcome: d.outcome, winner: d.outcome === 'winner' ? d.best : null, reasons };
}

export function storesVerdict(c: Comparison): Verdict {
  const d = decideExact(
    c.candidates.map((k) => k.figures.persistentStores),
    'lower',
  );
  const base = { concern: 'stores' as const, title: 'stores to back up', tested: true, ...pairwise(c, d) };
  const best = d.best ?? 0;
  const others = othersThan(d.measured, best);
  const figures: Reason = [
    'persistent stores ',
    ...versus(c, 'persistentStores', best, others),
    '; backup footprint ',
    ...versus(c, 'backupFootprint', best, others),
    ...pairNote(c, base.pairs),
  ];
  if (d.outcome !== 'winner') return { ...base, outcome: 'tie', winner: null, reasons: [figures] };
  const winnerLayout = c.candidates[best]!.layout;
  const embeddedLoses = others.some((i) => c.candidates[i]!.layout !== 'central');
  const intro =
    c.candidates[best]!.figures.persistentStores === 0
      ? 'nothing to back up because nothing is persisted: its queued messages do not survive a broker restart; '
      : winnerLayout === 'central' && embeddedLoses
        ? 'each embedded broker has its own persistent store to back up and manage; a small central cluster keeps that state in a few places: '
        : '';
  return { ...base, outcome: 'winner', winner: best, reasons: [[intro, ...figures]] };
}

export function deploymentVerdict(c: Comparison): Verdict {
  const d = decideExact(
    c.candidates.map((k) => k.figures.deploymentUnits),
    'lower',
  );
  const base = { concern: 'deployment' as const, title: 'deployment units', tested: true, ...pairwise(c, d) };
  const best = d.best ?? 0;
  const others = othersThan(d.measured, best);
  const figures: Reason = ['units to deploy ', ...versus(c, 'deploymentUnits', best, others)];
  const runsBrokers = (i: number) => c.candidates[i]!.figures.clusterBrokers > 0;
  if (d.outcome !== 'winner') {
    // Equal units may hide different shapes (hub brokers beside embedded ones): show the brokers.
    const brokers: Reason = d.measured.some(runsBrokers)
      ? ['; separate broker processes ', ...versus(c, 'clusterBrokers', best, others)]
      : [];
    return {
      ...base,
      outcome: 'tie',
      winner: null,
      reasons: [[...figures, ...brokers, ...pairNote(c, base.pairs)]],
    };
  }
  // The FAQ's point holds only for a design whose brokers all live inside its applications.
  const intro =
    c.candidates[best]!.layout === 'embedded' && !runsBrokers(best)
      ? 'an embedded broker is one deployment unit instead of two coupled processes: '
      : '';
  const reason: Reason = [intro, ...figures];
  for (const i of others.filter(runsBrokers))
    reason.push(
      `; ${c.candidates[i]!.label} also runs `,
      quote('clusterBrokers', i),
      ' broker processes of its own',
    );
  reason.push(...pairNote(c, base.pairs));
  return { ...base, outcome: 'winner', winner: best, reasons: [reason] };
}

/** Every pair's verdict, and the candidates no other beats (the top of a tie). */
function pairwise(c: Comparison, d: Decision): { tied: number[]; pairs: PairVerdict[] } {
  const pairs = pairVerdicts(c.candidates.length, d.pairs);
  const o = concernOutcome(pairs);
  return { tied: o.outcome === 'tie' ? o.tied : [], pairs };
}

/** Exact figures: the best value wins unless another candidate has the very same value. */
export function decideExact(values: readonly (number | null)[], better: Better): Decision {
  return decide(
    values.map((v) => (v === null ? null : [v, v])),
    better,
  );
}
