/**
 * `node --import tsx fidelity/transportProbe.ts [count] [text|object]`: where a message's CPU goes
 * in the transport experiment's throughput run (real/java/Bench.java, 1 KiB non-persistent
 * TextMessages, or ObjectMessages, warm JVMs), over vm:// and over tcp://: every thread of the client and broker
 * JVMs is sampled (/proc/PID/task/TID/stat, utime + stime) while the bench runs, and its CPU time
 * over the middle half of the run is divided by the messages moved then. The source of the
 * per-command transport figures in src/model/defaults.ts: which thread is busiest per message
 * (a connection's capacity), and the CPU of all threads together against the host's cores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  BROKER_START_MS,
  client,
  clusterBroker,
  failoverUrl,
  type Lab,
  openLab,
  sleep,
  withRun,
} from './lab.js';
import { loadMirror } from './mirror.js';

const TICK_US = 10_000; // USER_HZ 100: /proc reports CPU time in 10 ms ticks
const SAMPLE_MS = 200;

const opened = await openLab();
if (!opened.ok) throw new Error(opened.missing);
const count = Number(process.argv[2] ?? 200_000);
const type = process.argv[3] ?? 'text';
if (type !== 'text' && type !== 'object') throw new Error(`message type text or object, got ${type}`);
for (const transport of ['vm', 'tcp'] as const) {
  const load = loadavg()[0]!.toFixed(2);
  const r = await probe(opened.lab, transport, count, type);
  process.stdout.write(
    `${transport}:// ${r.perSecond}/s (load ${load}, ${cpus().length} cores); CPU per message over ${r.messages} messages:\n`,
  );
  const total = r.threads.reduce((s, t) => s + t.usPerMessage, 0);
  for (const t of r.threads.filter((x) => x.usPerMessage >= 0.5))
    process.stdout.write(`  ${t.process.padEnd(6)} ${t.name.padEnd(16)} ${t.usPerMessage.toFixed(1)} us\n`);
  process.stdout.write(
    `  all threads ${total.toFixed(1)} us (${(total / cpus().length).toFixed(1)} us over the cores)\n`,
  );
}

interface ThreadCpu {
  process: string;
  name: string;
  usPerMessage: number;
}

type Sample = { atMs: number; ticks: Map<string, number> };

/** utime + stime of every thread of `pid`, keyed by process label, tid and name. */
function sampleThreads(pid: number, label: string, into: Map<string, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return; // the process has exited
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      into.set(`${label}\t${tid}\t${name}`, Number(fields[11]) + Number(fields[12]));
    } catch {
      // a thread that ended between the listing and the read
    }
  }
}

async function probe(lab: Lab, transport: 'vm' | 'tcp', messages: number, type: 'text' | 'object') {
  const t = loadMirror(`transport-${transport}-${type}-nonpersistent`);
  return withRun(`transport-probe-${transport}`, async (run) => {
    const options: Record<string, string | number | boolean> = {
      mode: 'throughput',
      persistent: false,
      type,
      size: 1024,
      count: messages,
      warmup: 5000,
    };
    const pids: [number, string][] = [];
    if (transport === 'vm') Object.assign(options, { embedded: true, dataDir: join(run.dir, 'embedded') });
    else {
      const broker = await clusterBroker(lab, run, 'broker-0', t.cluster!, join(run.dir, 'kahadb'));
      await broker.waitUntilAccepting(BROKER_START_MS);
      options.url = failoverUrl([broker], t.failover);
      pids.push([broker.pid, 'broker']);
    }
    const bench = client(lab, run, 'Bench', options);
    pids.push([bench.pid, 'client']);
    const samples: Sample[] = [];
    const started = Date.now();
    for (let i = 0; i < 3000 && bench.exit === null; i++) {
      const ticks = new Map<string, number>();
      for (const [pid, label] of pids) sampleThreads(pid, label, ticks);
      samples.push({ atMs: Date.now() - started, ticks });
      await sleep(SAMPLE_MS);
    }
    await bench.exited;
    const line = bench.events().find((l) => l.ev === 'throughput');
    if (!line) throw bench.failure('printed no throughput line');
    const perSecond = Number(line.perSecond);
    // The timed phase is the run's last count / perSecond seconds (the JVM start and warm-up come first).
    const endMs = samples.at(-2)!.atMs;
    const timedMs = (messages / perSecond) * 1000;
    const from = samples.find((s) => s.atMs >= endMs - timedMs * 0.75)!;
    const to = samples.filter((s) => s.atMs <= endMs - timedMs * 0.25).at(-1)!;
    const moved = (perSecond * (to.atMs - from.atMs)) / 1000;
    const byName = new Map<string, number>();
    for (const [key, after] of to.ticks) {
      const [label, , name] = key.split('\t');
      const k = `${label}\t${name!.replace(/-\d+$/, '-N')}`;
      byName.set(k, (byName.get(k) ?? 0) + after - (from.ticks.get(key) ?? after));
    }
    const threads: ThreadCpu[] = [...byName]
      .map(([k, ticks]) => {
        const [label, name] = k.split('\t');
        return { process: label!, name: name!, usPerMessage: (ticks * TICK_US) / Math.max(1, moved) };
      })
      .sort((a, b) => b.usPerMessage - a.usPerMessage);
    return { perSecond, messages: Math.round(moved), threads };
  });
}
