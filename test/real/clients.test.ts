/**
 * The harness and the client programs on a real broker, as the fidelity experiments and
 * `export` use them: a broker launched from an activemq.xml file with its own data directory and
 * a free loopback port, and a consumer in every acknowledgement mode receiving what a producer
 * sent. Skipped like realBroker.test.ts: only outside CI, only without a JDK or ActiveMQ.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { client, type Lab, openLab, withRun } from '../../fidelity/lab.js';
import { launchBroker } from '../../src/real/broker.js';
import { brokerXml } from '../../src/real/brokerXml.js';
import { finished } from '../../src/real/clients.js';
import { findInstallation } from '../../src/real/installation.js';
import { freePort } from '../../src/real/ports.js';

const SKIP = !findInstallation().ok && !process.env.CI;

const MODES = ['auto', 'client', 'dups_ok', 'individual', 'transacted'] as const;
const COUNT = 20;

async function theLab(): Promise<Lab> {
  const opened = await openLab();
  if (!opened.ok) throw new Error(`the real-broker tests need a JDK and ActiveMQ: ${opened.missing}`);
  return opened.lab;
}

describe.skipIf(SKIP)('the client programs on a real broker', () => {
  it('a broker from an activemq.xml file receives what a producer sends, and each acknowledgement mode consumes all of it once', async () => {
    const lab = await theLab();
    await withRun('clients', async (run) => {
      const port = await freePort();
      const dataDir = join(run.dir, 'broker');
      const xml = join(run.dir, 'activemq.xml');
      writeFileSync(
        xml,
        brokerXml({
          brokerName: 'clients',
          openwirePort: port,
          dataDir,
          persistent: true,
          kahadbDir: join(dataDir, 'kahadb'),
          journalDiskSyncStrategy: 'always',
        }),
      );
      const broker = run.own(launchBroker(lab.inst, { config: { path: xml }, dataDir, openwirePort: port }));
      await broker.waitUntilAccepting(60_000);
      for (const mode of MODES) {
        const queue = `ack-${mode}`;
        const producer = client(lab, run, 'Producer', {
          url: broker.url,
          queue,
          count: COUNT,
          persistent: true,
        });
        await finished(producer, 60_000);
        const consumer = client(lab, run, 'Consumer', {
          url: broker.url,
          queue,
          ackMode: mode,
          ackEvery: 5,
          idleMs: 1_000,
          maxMs: 30_000,
        });
        await finished(consumer, 60_000);
        const received = consumer.events().filter((l) => l.ev === 'recv');
        expect(
          received.map((l) => l.seq),
          mode,
        ).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
        expect(
          received.some((l) => l.redelivered),
          mode,
        ).toBe(false);
        const acked = consumer.events().filter((l) => l.ev === 'acked').length;
        // AUTO and DUPS_OK acknowledge inside the client library; the others in the program.
        const expected = { auto: 0, dups_ok: 0, client: COUNT / 5, transacted: COUNT / 5, individual: COUNT };
        expect(acked, mode).toBe(expected[mode]);
      }
    });
  }, 180_000);
});
