/**
 * The load figures of `brokerlab plan` with closed-loop producers: a closed loop has no set rate,
 * so it counts at most what it reaches alone (its throughput ceiling), and the figures say "up to";
 * they are not a silent 0.
 */
import { describe, expect, it } from 'vitest';
import { throughputCeiling } from '../../../src/compare/throughputCeiling.js';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import { planJson } from '../../../src/report/json/planJson.js';
import { planText } from '../../../src/report/text/planText.js';
import { formatCount } from '../../../src/report/text/table.js';
import { loadInline, simulateYaml } from '../../support/simulateYaml.js';

const topology = (producers: string) =>
  loadInline(`
name: batch
layout: central
cluster: { brokers: 1, ha: none, disk: ssd }
destinations: [{ name: work }]
applications:
  - id: batch
    replicas: 3
    producers: [${producers}]
  - id: worker
    consumers: [{ destination: work, processingTime: 0s }]
`);

const CLOSED = '{ destination: work, mode: closed-loop, inFlight: 2, persistent: true, size: 1KiB }';
const OPEN = '{ destination: work, rate: 100/s, persistent: true, size: 2KiB }';

describe('plan load figures', () => {
  it('count a closed loop at most at its throughput ceiling, and say "up to"', () => {
    const t = topology(CLOSED);
    const ceiling = throughputCeiling(t).messagesPerSecond;
    expect(ceiling).toBeGreaterThan(0);
    const plan = buildPlan(t);
    const text = planText(plan, 'batch.yaml');
    expect(text).toMatch(new RegExp(`messages sent\\s+up to ${formatCount(ceiling)}/s`));
    expect(text).toMatch(/persisted\s+up to [1-9][\d.]*\w+\/s/);
    expect(planJson(plan, 'batch.yaml').closedLoop).toEqual({
      messagesPerSecondUpTo: ceiling,
      persistedBytesPerSecondUpTo: ceiling * 1024,
    });
  });

  it('add each closed loop, alone at its ceiling, to the open loops at their rate', () => {
    const t = topology(`${OPEN}, ${CLOSED}`);
    const alone = throughputCeiling(topology(CLOSED)).messagesPerSecond;
    const plan = buildPlan(t);
    expect(plan.figures.messagesPerSecond).toBe(300);
    expect(planJson(plan, 'batch.yaml').closedLoop).toEqual({
      messagesPerSecondUpTo: 300 + alone,
      persistedBytesPerSecondUpTo: 300 * 2048 + alone * 1024,
    });
  });

  it('without closed loops, are exact', () => {
    const plan = buildPlan(topology(OPEN));
    expect(planText(plan, 'batch.yaml')).toMatch(/messages sent\s+300\/s\s+by all producers/);
    expect(planJson(plan, 'batch.yaml').closedLoop).toBeNull();
  });
});

/**
 * A closed loop sends as fast as send() returns, whatever its consumers keep up with: the queue
 * takes the difference (until flow control stops it). So "messages sent up to" must bound what
 * the producers send, not what the consumers deliver (found in review).
 */
describe('plan load figures behind a slow consumer', () => {
  const slow = (persistent: boolean) => `
name: slow-consumer
layout: central
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [{ destination: work, mode: closed-loop, inFlight: 1, persistent: ${persistent}, sendMode: sync, size: 1KiB }]
  - id: worker
    consumers: [{ destination: work, processingTime: 10ms }]
cluster: { brokers: 1, ha: none }
simulation: { duration: 5s, drain: 0s, seed: 1 }
`;

  for (const persistent of [false, true])
    it(`bound what a ${persistent ? 'persistent' : 'non-persistent'} closed loop sends, not what the consumer takes`, () => {
      const r = simulateYaml(slow(persistent));
      const load = planJson(buildPlan(loadInline(slow(persistent))), 'slow.yaml').closedLoop!;
      // The consumer takes 100 a second; the producer sends far more.
      expect(r.throughput.sentPerSecond).toBeGreaterThan(500);
      // The bound holds up to the noise of the run's costs (fsync's lognormal, a few percent).
      expect(r.throughput.sentPerSecond).toBeLessThanOrEqual(load.messagesPerSecondUpTo * 1.05);
      if (persistent)
        expect(r.throughput.sentPerSecond * 1024).toBeLessThanOrEqual(
          load.persistedBytesPerSecondUpTo * 1.05,
        );
    });
});
