/**
 * A tcp:// connection's transport: a command costs its message the reader's time on the path
 * (tcpTransport) and holds the connection for tcpConnection, so a message alone sees only the
 * path and a busy connection carries one command per tcpConnection each way (TcpTransport.doRun
 * reads one command at a time and runs the broker's work on it before the next).
 */
import { describe, expect, it } from 'vitest';
import { tcpArrivalUs } from '../../../src/sim/transport.js';
import type { World } from '../../../src/sim/world.js';
import { smallWorld } from '../../support/smallWorld.js';

const CENTRAL = `
name: transport
layout: central
destinations: [{ name: work }]
applications:
  - id: shop
    producers: [{ destination: work, rate: 10/s }]
    consumers: [{ destination: work }]
cluster: { brokers: 1, ha: none }
costs: { tcpTransport: 5us, tcpConnection: 30us }
simulation: { duration: 1s, seed: 1 }
`;

/** A world whose transport draws are their means, so that times are exact. */
function exactWorld(yaml = CENTRAL): World {
  const w = smallWorld(yaml);
  const noise = w.noise as { transport: { draw(meanUs: number): number } };
  noise.transport = { draw: (meanUs: number) => meanUs };
  return w;
}

describe('tcpArrivalUs', () => {
  it('a command alone arrives after the wire and the reader on its path, not the connection time', () => {
    const w = exactWorld();
    const link = w.links[0]!;
    const t0 = w.now + 1_000;
    expect(tcpArrivalUs(w, link, 'up', t0, 9)).toBe(t0 + 9 + 5);
    // The reader thread is still busy with it after handing it over.
    expect(link.upFreeUs).toBe(t0 + 9 + 30);
  });

  it('a busy connection carries one command per tcpConnection, in order', () => {
    const w = exactWorld();
    const link = w.links[0]!;
    const t0 = w.now + 1_000;
    const arrivals = Array.from({ length: 5 }, () => tcpArrivalUs(w, link, 'up', t0, 9));
    expect(arrivals).toEqual([0, 1, 2, 3, 4].map((i) => t0 + 9 + 5 + 30 * i));
  });

  it('each direction has its own thread', () => {
    const w = exactWorld();
    const link = w.links[0]!;
    const t0 = w.now + 1_000;
    tcpArrivalUs(w, link, 'up', t0, 9);
    expect(tcpArrivalUs(w, link, 'down', t0, 9)).toBe(t0 + 9 + 5);
  });

  it('holds the connection at least for the path when tcpConnection is shorter', () => {
    const w = exactWorld(
      CENTRAL.replace('tcpTransport: 5us, tcpConnection: 30us', 'tcpTransport: 40us, tcpConnection: 10us'),
    );
    const link = w.links[0]!;
    const t0 = w.now + 1_000;
    expect(tcpArrivalUs(w, link, 'up', t0, 9)).toBe(t0 + 49);
    expect(tcpArrivalUs(w, link, 'up', t0, 9)).toBe(t0 + 89);
  });
});
