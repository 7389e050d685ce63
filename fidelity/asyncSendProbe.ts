/**
 * `node --import tsx fidelity/asyncSendProbe.ts [experiment...]`: the timeline of a real
 * useAsyncSend crash run (crash-async-send, crash-async-send-fast): how far the consumer lagged
 * the producer when the broker was killed, how long the producer's sends kept "succeeding" after
 * the kill, and when the lost messages were sent. With `store`: how many persistent messages a
 * second a tcp:// broker takes from a useAsyncSend producer (real/java/Bench.java, throughput),
 * beside non-persistent ones: the broker's store thread bounds the first. The source of the
 * async-send pipeline figures in src/model/defaults.ts.
 */
import { join } from 'node:path';
import { finished } from '../src/real/clients.js';
import type { ClientLine } from '../src/real/javaProcess.js';
import { crashRun } from './crashLoss.js';
import { BROKER_START_MS, client, clusterBroker, failoverUrl, type Lab, openLab, withRun } from './lab.js';
import { loadMirror } from './mirror.js';

const opened = await openLab();
if (!opened.ok) throw new Error(opened.missing);
const names = process.argv.slice(2);
for (const name of names.length > 0 ? names : ['crash-async-send', 'crash-async-send-fast', 'store']) {
  if (name === 'store') {
    for (const persistent of [true, false]) {
      const perSecond = await asyncThroughput(opened.lab, persistent);
      process.stdout.write(`tcp:// useAsyncSend, persistent ${persistent}: ${perSecond}/s\n`);
    }
    continue;
  }
  const r = await crashRun(opened.lab, loadMirror(name));
  process.stdout.write(`${name}: ${describe(r.sent, r.received.flat(), r.faultMs)}\n`);
}

/** Messages a second through a standalone broker from one useAsyncSend producer to one consumer. */
async function asyncThroughput(lab: Lab, persistent: boolean): Promise<number> {
  const t = loadMirror('crash-async-send-fast');
  return withRun('async-store', async (run) => {
    const broker = await clusterBroker(lab, run, 'broker-0', t.cluster!, join(run.dir, 'kahadb'));
    await broker.waitUntilAccepting(BROKER_START_MS);
    const b = client(lab, run, 'Bench', {
      url: failoverUrl([broker], t.failover),
      mode: 'throughput',
      persistent,
      useAsyncSend: true,
      size: 1024,
      count: 10000,
      warmup: 1000,
    });
    await finished(b, 120_000);
    const line = b.events().find((l) => l.ev === 'throughput');
    if (!line) throw b.failure('printed no throughput line');
    await broker.kill();
    return Number(line.perSecond);
  });
}

/** Wall-clock milliseconds of each line, relative to the fault. */
function relative(lines: ClientLine[], faultMs: number): (l: ClientLine) => number {
  const epoch = lines.find((l) => l.ev === 'start')?.epochMs ?? 0;
  return (l) => epoch + l.t / 1000 - faultMs;
}

function describe(sent: ClientLine[], received: ClientLine[], faultMs: number): string {
  const at = relative(sent, faultMs);
  const sends = sent.filter((l) => l.ev === 'sent');
  const recvAt = relative(received, faultMs);
  const recvs = received.filter((l) => l.ev === 'recv');
  const delivered = new Set(recvs.map((l) => l.seq));
  const lastBefore = Math.max(0, ...sends.filter((l) => at(l) < 0).map((l) => l.seq ?? 0));
  const recvBefore = new Set(recvs.filter((l) => recvAt(l) < 0).map((l) => l.seq ?? 0));
  const highestRecvBefore = Math.max(0, ...recvBefore);
  // The producer's first gap of 200 ms or more after the kill: it noticed and waits to reconnect.
  const after = sends.filter((l) => at(l) >= 0);
  let stallAt = Number.NaN;
  for (let i = 1; i < after.length; i++)
    if (at(after[i]!) - at(after[i - 1]!) >= 200) {
      stallAt = at(after[i - 1]!);
      break;
    }
  const lost = sends.filter((l) => !delivered.has(l.seq));
  const lostAt = lost.map(at);
  return [
    `sent before kill ${lastBefore}, highest received before kill ${highestRecvBefore} (lag ${lastBefore - highestRecvBefore})`,
    `sends after kill until the producer stalled: ${sends.filter((l) => at(l) >= 0 && at(l) <= stallAt).length} (last ${stallAt.toFixed(1)} ms after)`,
    `lost ${lost.length}: seq ${lost[0]?.seq ?? '-'}..${lost.at(-1)?.seq ?? '-'}, sent ${Math.min(...lostAt).toFixed(1)}..${Math.max(...lostAt).toFixed(1)} ms from the kill`,
  ].join('; ');
}
