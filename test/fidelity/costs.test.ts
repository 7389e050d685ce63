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
    // Means: vm: hop in (5 + 2 clone) + broker CPU 4 + hop out 7 + dispatch hand-off 55 = 73 us;
    // tcp: 2 x (100 + 8 + transport thread 5) + 4 + 55 = 285 us. Each cost is a lognormal
    // draw around its mean (sigma 0.3), so the medians sit a little below the sums of means.
    expect(vm.latency.p50Us).toBeGreaterThanOrEqual(60);
    expect(vm.latency.p50Us).toBeLessThanOrEqual(72);
    expect(tcp.latency.p50Us).toBeGreaterThanOrEqual(280);
    expect(tcp.latency.p50Us).toBeLessThanOrEqual(350);
    expect(vm.latency.p90Us).toBeGreaterThan(vm.latency.p50Us);
  });

  it('pays the fsync for a synchronous persistent send', () => {
    const ssd = simulateYaml(single({ layout: 'embedded', persistent: true, disk: 'ssd' }));
    const hdd = simulateYaml(single({ layout: 'embedded', persistent: true, disk: 'hdd' }));
    // The fsync's mean is the configured cost; its heavy tail (lognormal, sigma 1) puts the
    // median at about 0.6 of it and the p99 far above (a few seconds of sends: the sample mean
    // strays by up to a fifth).
    expect(ssd.latency.meanUs).toBeGreaterThanOrEqual(640);
    expect(hdd.latency.meanUs).toBeGreaterThanOrEqual(6400);
    expect(hdd.latency.meanUs - ssd.latency.meanUs).toBeGreaterThanOrEqual(5000);
    expect(ssd.latency.p99Us).toBeGreaterThan(3 * ssd.latency.p50Us);
  });

  it('pays ObjectMessage serialization over vm once a message, unless it is deferred', () => {
    const object = simulateYaml(single({ layout: 'embedded', persistent: false, type: 'object' }));
    const deferred = simulateYaml(
      single({ layout: 'embedded', persistent: false, type: 'object', deferred: true }),
    );
    // setObject serializes once, getObject deserializes once (15 us/KiB x 4 KiB = 60 us), not on
    // each of the two hops.
    const gapUs = object.latency.meanUs - deferred.latency.meanUs;
    expect(gapUs).toBeGreaterThanOrEqual(60 - 10);
    expect(gapUs).toBeLessThanOrEqual(60 + 15);
  });
});
