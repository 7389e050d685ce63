/**
 * The concerns decided fault by fault: messages lost, duplicated and stranded, and how long
 * producers could not send. Each fault scenario is decided on its own (Welch's test over the
 * seeds), every pair of candidates over the scenarios as comparing those two alone would
 * (pairwise.ts), and the concern follows from the pairs: a winner beats every other candidate,
 * and it is `mixed` when the answer depends on the fault.
 */
import { metricRow } from './cells.js';
import type { Comparison } from './compareTopologies.js';
import { type Decision, decide } from './decide.js';
import { type MetricId, metricById } from './metrics.js';
import { concernOutcome, pairVerdicts } from './pairwise.js';
import { othersThan, pairNote, quote, versus } from './reasonParts.js';
import type { ConcernId, Reason, Verdict } from './recommendation.js';
import { type ScenarioId, scenarioById } from './scenarios.js';

interface ScenarioDecision {
  scenario: ScenarioId;
  decision: Decision;
}

interface FaultConcern {
  concern: ConcernId;
  title: string;
  metric: MetricId;
  /**
   * The reason one scenario's best candidate did better: `others` are the other measured
   * candidates (for the figures), `beaten` those it beat beyond noise (for the why).
   */
  explain(c: Comparison, s: ScenarioId, best: number, others: number[], beaten: number[]): Reason;
}

export function faultVerdict(c: Comparison, spec: FaultConcern): Verdict {
  const scenarios = c.settings.scenarios.filter((s) => s !== 'baseline');
  const decisions: ScenarioDecision[] = scenarios.map((scenario) => ({
    scenario,
    decision: decide(
      c.candidates.map((k) => {
        const o = k.outcomes.find((x) => x.scenario === scenario);
        return o?.applies && o.metrics[spec.metric].n > 0 ? o.metrics[spec.metric].samples : null;
      }),
      'lower',
    ),
  }));
  const compared = decisions.filter((d) => d.decision.outcome !== 'n/a');
  const pairs = pairVerdicts(
    c.candidates.length,
    compared.flatMap((d) => d.decision.pairs),
  );
  const reasons: Reason[] = [];
  // A scenario where every pair is within noise says so in one line with the others like it.
  const allTied = (d: ScenarioDecision) => d.decision.pairs.every((p) => p.winner === null);
  for (const d of compared.filter((x) => !allTied(x))) {
    const best = d.decision.best!;
    const others = othersThan(d.decision.measured, best);
    const beaten = others.filter((i) =>
      d.decision.pairs.some((p) => p.winner === best && (p.a === i || p.b === i)),
    );
    reasons.push([
      ...spec.explain(c, d.scenario, best, others, beaten),
      ...pairNote(c, pairVerdicts(c.candidates.length, d.decision.pairs)),
    ]);
  }
  const ties = compared.filter(allTied);
  if (ties.length > 0) reasons.push(tieReason(c, spec, ties));
  for (const d of decisions.filter((x) => x.decision.measured.length === 1))
    reasons.push(onlyOneReason(c, spec, d.scenario, d.decision.measured[0]!));
  if (c.candidates.length > 2 && compared.length > 1)
    reasons.push(['over all faults', ...pairNote(c, pairs)]);
  return {
    concern: spec.concern,
    title: spec.title,
    tested: compared.every((d) => d.decision.tested),
    ...concernOutcome(pairs),
    pairs,
    reasons,
  };
}

function tieReason(c: Comparison, spec: FaultConcern, ties: ScenarioDecision[]): Reason {
  const equal = ties.every((d) =>
    d.decision.measured.every((i) => sameMean(c, i, d.decision.measured[0]!, d.scenario, spec.metric)),
  );
  const parts: Reason = [equal ? 'no difference: ' : 'no difference beyond noise: '];
  ties.forEach((d, i) => {
    const [first, ...others] = d.decision.measured;
    if (i > 0) parts.push('; ');
    parts.push(
      `${scenarioById(d.scenario).title} `,
      ...versus(c, metricRow(spec.metric, d.scenario), first!, others),
    );
  });
  return parts;
}

function onlyOneReason(c: Comparison, spec: FaultConcern, s: ScenarioId, only: number): Reason {
  const k = c.candidates[only]!;
  const why =
    s === 'broker-crash' && c.candidates.some((x) => x.layout === 'embedded')
      ? ' (an embedded broker has no process of its own: it dies with its application)'
      : '';
  return [
    `${scenarioById(s).title} applies only to ${k.label}${why}: ${metricById(spec.metric).label} `,
    quote(metricRow(spec.metric, s), only),
  ];
}

function sameMean(c: Comparison, a: number, b: number, s: ScenarioId, metric: MetricId): boolean {
  const mean = (i: number) => c.candidates[i]!.outcomes.find((o) => o.scenario === s)?.metrics[metric].mean;
  return mean(a) === mean(b);
}

const title = (s: ScenarioId) => `${scenarioById(s).title}: `;
const isEmbedded = (c: Comparison, i: number) => c.candidates[i]!.layout !== 'central';
const isCentral = (c: Comparison, i: number) => c.candidates[i]!.layout !== 'embedded';

export const LOSS: FaultConcern = {
  concern: 'loss',
  title: 'messages lost per fault',
  metric: 'lost',
  explain(c, s, w, others, beaten) {
    const diesWithJvm = (s === 'process-crash' || s === 'power-loss') && beaten.some((i) => isEmbedded(c, i));
    const sharedStore = s === 'disk-loss' && beaten.some((i) => isCentral(c, i));
    const why = diesWithJvm
      ? 'an embedded broker dies with its JVM and takes what it had not stored with it; '
      : sharedStore
        ? "the central store holds every client's messages; "
        : '';
    return [
      title(s),
      why,
      'lost ',
      ...versus(c, metricRow('lost', s), w, others),
      '; at risk when it struck ',
      ...versus(c, metricRow('atRisk', s), w, others),
    ];
  },
};

export const DUPLICATES: FaultConcern = {
  concern: 'duplicates',
  title: 'duplicates per fault',
  metric: 'duplicated',
  explain: (c, s, w, others) => [
    title(s),
    'duplicated ',
    ...versus(c, metricRow('duplicated', s), w, others),
  ],
};

export const STRANDED: FaultConcern = {
  concern: 'stranded',
  title: 'stranded messages per fault',
  metric: 'stranded',
  explain(c, s, w, others, beaten) {
    const loser = beaten[0] ?? others[0]!;
    const figures = versus(c, metricRow('stranded', s), w, others);
    // Without separate brokers, a power loss takes down a process's host: its embedded store waits too.
    const noCluster = c.candidates[loser]!.setup.brokerRestartUs === null;
    if (isEmbedded(c, loser) && (s === 'process-crash' || (s === 'power-loss' && noCluster)))
      return [
        title(s),
        s === 'process-crash'
          ? "every process crash strands that process's stored messages until it restarts ("
          : 'a process whose host lost power strands its stored messages until it restarts (',
        quote('processRestart', loser),
        '): stranded ',
        ...figures,
      ];
    if (c.candidates[loser]!.setup.brokerRestartUs !== null && s !== 'process-crash')
      return [
        title(s),
        "a dead broker's stored messages wait for it to restart (",
        quote('brokerRestart', loser),
        '): stranded ',
        ...figures,
      ];
    return [title(s), 'stranded ', ...figures];
  },
};

export const AVAILABILITY: FaultConcern = {
  concern: 'availability',
  title: 'availability and failover',
  metric: 'outage',
  explain(c, s, w, others, beaten) {
    const mean = (i: number, m: MetricId) =>
      c.candidates[i]!.outcomes.find((x) => x.scenario === s)?.metrics[m].mean ?? 0;
    // Whose outage was its own process being dead rather than a producer waiting for a broker.
    const processDown = (i: number) => mean(i, 'downtime') > 0 && mean(i, 'downtime') >= mean(i, 'sendGap');
    const why = beaten.some((i) => processDown(i) && isEmbedded(c, i) && s !== 'process-crash')
      ? 'an embedded broker takes its application process down with it: its requests cannot be served until it restarts; '
      : beaten.some(processDown)
        ? 'a dead application process cannot serve its requests until it restarts; '
        : s !== 'process-crash' && beaten.some((i) => c.candidates[i]!.layout === 'central')
          ? 'every client depends on the central broker: '
          : '';
    const parts: Reason = [
      title(s),
      why,
      'longest outage ',
      ...versus(c, metricRow('outage', s), w, others),
      ' (send gap ',
      ...versus(c, metricRow('sendGap', s), w, others),
      '; application downtime ',
      ...versus(c, metricRow('downtime', s), w, others),
      ')',
    ];
    for (const i of [w, ...others]) {
      const o = c.candidates[i]!.outcomes.find((x) => x.scenario === s);
      if (o && o.metrics.failover.n > 0)
        parts.push(`; failover of ${c.candidates[i]!.label} `, quote(metricRow('failover', s), i));
    }
    return parts;
  },
};
