/**
 * `node --import tsx fidelity/recoveryProbe.ts [records[c]...]`: how long a shared-store slave takes
 * from taking the lock to accepting connections, as a function of the journal it must replay.
 * A master receives N persistent messages (no consumer, so all stay in the store), is killed
 * (kill -9) at once, and the warm slave (1 s lock poll) takes over; its log's timestamps give the
 * lock-to-started time and KahaDB's own "Recovery replayed" figure. The source of the store
 * recovery defaults in src/model/defaults.ts.
 */
import { join } from 'node:path';
import { KAHADB_CHECKPOINT_INTERVAL_US } from '../src/model/defaults.js';
import { logLineMs, TAKES_LOCK } from '../src/real/broker.js';
import { finished } from '../src/real/clients.js';
import { BROKER_START_MS, client, clusterBroker, failoverUrl, openLab, sleep, withRun } from './lab.js';
import { loadMirror } from './mirror.js';

const mirror = loadMirror('failover-1s-lock-poll');

const opened = await openLab();
if (!opened.ok) throw new Error(opened.missing);
const lab = opened.lab;
const sizes = process.argv.slice(2);
for (const size of sizes.length > 0 ? sizes : ['0', '1000', '10000']) {
  // "500c": the master also waits past a checkpoint (KahaDB's 5 s timer) before its kill, so the
  // slave finds the destination in the index and next to nothing to replay.
  const n = Number.parseInt(size, 10);
  const checkpointed = size.endsWith('c');
  const line = await withRun(`recovery-${n}`, async (run) => {
    const cluster = mirror.cluster!;
    const store = join(run.dir, 'shared-kahadb');
    const master = await clusterBroker(lab, run, 'broker-0', cluster, store);
    await master.waitUntilAccepting(BROKER_START_MS);
    const slave = await clusterBroker(lab, run, 'broker-1', cluster, store);
    await slave.process.waitForLine((l) => /is locked by another server/.test(l), BROKER_START_MS, 'slave');
    if (n > 0) {
      const p = client(lab, run, 'Producer', {
        url: failoverUrl([master], mirror.failover),
        queue: 'probe',
        count: n,
        size: 1024,
        persistent: true,
        useAsyncSend: true,
      });
      await finished(p, 120_000);
      if (checkpointed) await sleep(KAHADB_CHECKPOINT_INTERVAL_US / 1000 + 1_000);
    }
    await master.kill();
    const started = await slave.process.waitForLine(
      (l) => /started/.test(l) && /BrokerService/.test(l),
      120_000,
      'started',
    );
    const lines = slave.process.lines;
    const locked = lines.find((l) => TAKES_LOCK.test(l));
    const replay = lines.find((l) => /Recovery replayed/.test(l));
    return `records ${size}: lock->started ${logLineMs(started) - logLineMs(locked)} ms | ${replay?.slice(24) ?? 'no replay line'}`;
  });
  process.stdout.write(`${line}\n`);
}
