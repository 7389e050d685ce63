/**
 * Shared-store master/slave on a real broker pair: two brokers on one KahaDB directory (the
 * default shared-file locker), the master killed (kill -9) at the mirror's fault time after the
 * slave's first failed lock attempt, and the gap from the kill to the producer's first
 * acknowledged send through the new master.
 */
import { join } from 'node:path';
import type { RealBroker } from '../src/real/broker.js';
import type { JavaProcess } from '../src/real/javaProcess.js';
import type { Topology } from '../src/topology/types.js';
import { isConnected, producerOptions } from './crashLoss.js';
import {
  BROKER_START_MS,
  client,
  clusterBroker,
  failoverUrl,
  type Lab,
  type Run,
  sleep,
  withRun,
} from './lab.js';
import { consumerApps, producerApp, simulateMirror } from './mirror.js';

export interface FailoverOutcome {
  /** From the master's death to the first send acknowledged after it, in microseconds. */
  gapUs: number;
}

/** SharedFileLocker logs this once, on the slave's first failed attempt; later attempts are silent. */
const SLAVE_WAITING = /is locked by another server/;

/** How far the producer's clock (its start's wall time plus nanoTime) may sit from ours. */
const CLOCK_SLACK_MS = 20;
/** No failover is this quick (a lock poll, recovery and a reconnect): shorter pauses are noise. */
const MIN_PAUSE_MS = 100;

export async function failoverReal(lab: Lab, t: Topology): Promise<FailoverOutcome> {
  return withRun(`failover-${t.name}`, async (run) => {
    const { p, killMs } = await killMasterOnTime(lab, run, t);
    await p.waitForLine(() => sendsResumedAfter(p, killMs) !== null, 120_000, 'a send after the kill');
    return { gapUs: Math.round((sendsResumedAfter(p, killMs)! - killMs) * 1000) };
  });
}

/**
 * The experiment up to the kill: a master, a slave on its store, a consumer and a producer on
 * both (`producer` starts it, by default as `client` does), the sends going, and the master
 * killed at the mirror's fault time. Also what fidelity/failoverProbe.ts runs.
 */
export async function killMasterOnTime(
  lab: Lab,
  run: Run,
  t: Topology,
  producer = (options: Record<string, string | number | boolean>) => client(lab, run, 'Producer', options),
): Promise<{ master: RealBroker; slave: RealBroker; p: JavaProcess; killMs: number }> {
  const cluster = t.cluster!;
  const store = join(run.dir, 'shared-kahadb');
  const master = await clusterBroker(lab, run, 'broker-0', cluster, store);
  await master.waitUntilAccepting(BROKER_START_MS);
  const slave = await clusterBroker(lab, run, 'broker-1', cluster, store);
  // The clients' JVMs start while the slave does; the producer sends when told to go.
  const url = failoverUrl([master, slave], t.failover);
  const consumer = consumerApps(t)[0]!.consumers[0]!;
  const c = client(lab, run, 'Consumer', {
    url,
    queue: consumer.destination,
    processingMs: consumer.processingUs / 1000,
    idleMs: 120_000,
    maxMs: 120_000,
  });
  const p = producer(producerOptions(url, producerApp(t).producers[0]!, t));
  await slave.process.waitForLine((l) => SLAVE_WAITING.test(l), BROKER_START_MS, 'the slave waiting');
  // The simulator's slave first tries the lock at time 0, when its producers start too.
  const zeroMs = Date.now();
  for (const client of [c, p]) await client.waitForLine(isConnected, 30_000, 'a connection');
  p.tell('go');
  const wait = zeroMs + t.faults.schedule[0]!.atUs / 1000 - Date.now();
  if (wait < 0) throw new Error(`${t.name}: the clients were ready ${-wait} ms after the fault time`);
  await sleep(wait);
  const killMs = Date.now();
  await master.kill();
  return { master, slave, p, killMs };
}

/**
 * When the producer's sends resumed after the kill at `ms`: the end of the longest pause between
 * two acknowledged sends from just before the kill on (a send acknowledged as the master died may
 * carry a time a little after `ms`; the pause that follows it is the failover). Null until a
 * pause of at least MIN_PAUSE_MS has ended with an acknowledged send.
 */
function sendsResumedAfter(p: JavaProcess, ms: number): number | null {
  const lines = p.events();
  const start = lines.find((l) => l.ev === 'start')?.epochMs ?? 0;
  const times = lines.filter((l) => l.ev === 'sent').map((l) => start + l.t / 1000);
  const from = times.findIndex((t) => t > ms - CLOCK_SLACK_MS);
  if (from < 0) return null;
  let resumed = times[from]!;
  let longest = resumed - ms;
  for (let i = from + 1; i < times.length; i++)
    if (times[i]! - times[i - 1]! > longest) {
      longest = times[i]! - times[i - 1]!;
      resumed = times[i]!;
    }
  return longest >= MIN_PAUSE_MS ? resumed : null;
}

export function failoverSimulated(t: Topology): FailoverOutcome {
  return { gapUs: simulateMirror(t).faults[0]!.failoverUs };
}
