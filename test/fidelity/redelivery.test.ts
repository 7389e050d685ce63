/** MODEL.md: a consumer crash redelivers what it had not acknowledged; after 6 redeliveries, the DLQ. */
import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../support/simulateYaml.js';

function crashingConsumer(crashes: number): string {
  const schedule = Array.from(
    { length: crashes },
    (_, i) => `    - { at: ${2 + 3 * i}s, kind: process-crash, target: worker-0, restartAfter: 500ms }`,
  );
  return `
name: poison
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    producers: [{ destination: work, rate: 1/s, arrival: constant }]
  - id: worker
    consumers: [{ destination: work, processingTime: 10s }]
cluster: { brokers: 1, ha: none }
faults:
  schedule:
${schedule.join('\n')}
simulation: { duration: 1500ms, drain: 60s, seed: 1 }
`;
}

describe('a consumer that crashes while processing', () => {
  it('gets the message redelivered after the redelivery delay: each crash is one duplicate', () => {
    const r = simulateYaml(crashingConsumer(3));
    expect(r.fates.sent).toBe(1);
    expect(r.fates.delivered).toBe(1);
    expect(r.duplicates).toBe(3);
    expect(r.redeliveries).toBe(3);
    expect(r.faults.map((f) => f.redelivered)).toEqual([1, 1, 1]);
  });

  it('sends the message to ActiveMQ.DLQ once it has been redelivered 6 times', () => {
    const r = simulateYaml(crashingConsumer(7));
    expect(r.fates.sent).toBe(1);
    expect(r.fates.deadLettered).toBe(1);
    expect(r.fates.delivered).toBe(0);
    expect(r.redeliveries).toBe(6);
  });
});
