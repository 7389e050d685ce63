/**
 * Whatever the costs and however commands crowd a tcp:// connection: each direction carries its
 * commands in order, at most one per max(tcpConnection, tcpTransport); a command that finds its
 * connection idle arrives after exactly the wire and tcpTransport (its path), never the
 * connection time; and a whole simulation never delivers faster than the consumer's connection
 * carries. Replay a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tcpArrivalUs } from '../../src/sim/transport.js';
import { simulateYaml } from '../support/simulateYaml.js';
import { smallWorld } from '../support/smallWorld.js';

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

function central(transportUs: number, connectionUs: number, extra = ''): string {
  return `
name: transport-property
layout: central
destinations: [{ name: work }]
applications:
  - id: batch
    producers: [{ destination: work, mode: closed-loop, persistent: false }]
  - id: worker
    consumers: [{ destination: work, processingTime: 0s }]
cluster: { brokers: 1, ha: none, store: memory }
costs: { tcpTransport: ${transportUs}us, tcpConnection: ${connectionUs}us${extra} }
simulation: { duration: 20ms, warmup: 0s, drain: 1s, seed: 2 }
`;
}

const commands = fc.array(
  fc.record({ gapUs: fc.integer({ min: 0, max: 300 }), wireUs: fc.integer({ min: 1, max: 200 }) }),
  {
    minLength: 1,
    maxLength: 60,
  },
);

describe(`tcp:// connection capacity (seed ${seed})`, () => {
  it('carries commands in order, one per connection time at most, and a lone command on its path only', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 200 }),
        commands,
        (transportUs, connectionUs, cmds) => {
          const w = smallWorld(central(transportUs, connectionUs));
          (w.noise as { transport: { draw(us: number): number } }).transport = { draw: (us: number) => us };
          const link = w.links[0]!;
          const holdUs = Math.max(transportUs, connectionUs);
          let departUs = w.now;
          let last = -Infinity;
          for (const { gapUs, wireUs } of cmds) {
            departUs += gapUs;
            const idle = departUs + wireUs >= link.upFreeUs;
            const at = tcpArrivalUs(w, link, 'up', departUs, wireUs);
            expect(at).toBeGreaterThanOrEqual(departUs + wireUs + transportUs);
            if (idle) expect(at).toBe(departUs + wireUs + transportUs);
            expect(at - last).toBeGreaterThanOrEqual(holdUs);
            last = at;
          }
        },
      ),
      { seed, numRuns: 100 },
    );
  });

  it('a simulation delivers no faster than one message per connection time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 5, max: 150 }),
        fc.integer({ min: 1, max: 20 }),
        (transportUs, connectionUs, cpuUs) => {
          const r = simulateYaml(central(transportUs, connectionUs, `, brokerCpu: ${cpuUs}us`));
          // 20 ms of sending: one delivery per connectionUs on the consumer's connection, and one more at the edge.
          expect(r.throughput.deliveredPerSecond).toBeLessThanOrEqual(1e6 / connectionUs + 1e6 / 20_000);
          expect(r.fates.delivered).toBeGreaterThan(0);
        },
      ),
      { seed, numRuns: 25 },
    );
  });
});
