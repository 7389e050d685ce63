/** The cost model seen end to end: what a message's latency is made of. */
import { describe, expect, it } from 'vitest';
import { simulateYaml } from '../support/simulateYaml.js';

function single(o: {
  layout: 'embedded' | 'central';
  persistent: boolean;
  disk?: string;
  type?: string;
  deferred?: boolean;
}): string {
  const broker =
    o.layout === 'embedded'
      ? `embedded: { store: kahadb, disk: ${o.disk ?? 'ssd'}, objectMessageSerializationDefered: ${o.deferred ?? false} }`
      : `cluster: { brokers: 1, ha: none, disk: ${o.disk ?? 'ssd'} }`;
  return `
name: one-message-at-a-time
layout: ${o.layout}
destinations: [{ name: q }]
applications:
  - id: app
    producers: [{ destination: q, rate: 10/s, size: 4KiB, persistent: ${o.persistent}, sendMode: sync, messageType: ${o.type ?? 'text'}, arrival: constant }]
    consumers: [{ destination: q, processingTime: 1ms }]
${broker}
simulation: { duration: 5s, seed: 1 }
`;
}

describe('latency from the cost model', () => {
  it('is a few microseconds over vm for a non-persistent message, and over 100 us over tcp', () => {
    const vm = simulateYaml(single({ layout: 'embedded', persistent: false }));
    const tcp = simulateYaml(single({ layout: 'central', persistent: false }));
    // vm: hop in (5 + 2 clone) + broker CPU 12 + hop out 7 = 26 us; tcp: 2 x (100 + 8) + 12 = 228 us.
    expect(vm.latency.p50Us).toBe(26);
    expect(tcp.latency.p50Us).toBeGreaterThanOrEqual(226);
    expect(tcp.latency.p50Us).toBeLessThanOrEqual(230);
  });

  it('pays the fsync for a synchronous persistent send', () => {
    const ssd = simulateYaml(single({ layout: 'embedded', persistent: true, disk: 'ssd' }));
    const hdd = simulateYaml(single({ layout: 'embedded', persistent: true, disk: 'hdd' }));
    expect(ssd.latency.p50Us).toBeGreaterThanOrEqual(800);
    expect(hdd.latency.p50Us).toBeGreaterThanOrEqual(8000);
    expect(hdd.latency.p50Us - ssd.latency.p50Us).toBeGreaterThanOrEqual(7000);
  });

  it('pays ObjectMessage serialization over vm unless it is deferred', () => {
    const object = simulateYaml(single({ layout: 'embedded', persistent: false, type: 'object' }));
    const deferred = simulateYaml(
      single({ layout: 'embedded', persistent: false, type: 'object', deferred: true }),
    );
    expect(object.latency.p50Us - deferred.latency.p50Us).toBeGreaterThanOrEqual(2 * 60 - 2);
  });
});
