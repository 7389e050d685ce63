/**
 * Every fidelity experiment, each with its mirror topology (fidelity/topologies/<name>.yaml), and
 * how its real repetitions and its simulation become rows of docs/FIDELITY.md.
 */

import type { Topology } from '../src/topology/types.js';
import { type CrashOutcome, crashReal, crashSimulated } from './crashLoss.js';
import { failoverReal, failoverSimulated } from './failover.js';
import type { Lab } from './lab.js';
import { loadMirror, seeded } from './mirror.js';
import { type TransportOutcome, transportReal, transportSimulated } from './transport.js';
import { lossCategory, median, medianRun, withinTolerance } from './verdict.js';

export interface Row {
  experiment: string;
  measure: string;
  /** min / median / max over the repetitions, as shown. */
  real: string;
  simulated: string;
  ok: boolean;
  /** Every repetition's figures, for the raw section. */
  raw: string;
}

/**
 * The real repetitions are plain data (saved in docs/FIDELITY.json), so that the rows can be
 * judged again against a changed model without a broker: `npm run fidelity -- --resimulate`.
 */
export interface Experiment {
  id: string;
  title: string;
  mirrors: string[];
  measure(lab: Lab, reps: number, progress: (what: string) => void): Promise<unknown[]>;
  /** Simulates the mirror topologies and judges them against the real repetitions. */
  judge(real: unknown[]): Row[];
}

/** One experiment, typed by what a real repetition yields (the list of experiments is not). */
function experiment<T>(e: {
  id: string;
  title: string;
  mirrors: string[];
  measure(lab: Lab, reps: number, progress: (what: string) => void): Promise<T[]>;
  judge(real: T[]): Row[];
}): Experiment {
  return { ...e, judge: (real) => e.judge(real as T[]) };
}

async function repeat<T>(reps: number, progress: (what: string) => void, id: string, once: () => Promise<T>) {
  const out: T[] = [];
  for (let i = 0; i < reps; i++) {
    progress(`${id}: real run ${i + 1}/${reps}`);
    out.push(await once());
  }
  return out;
}

/** An experiment on one mirror topology: `reps` real runs, then rows from them and the simulation. */
function oneMirror<T>(
  id: string,
  title: string,
  runReal: (lab: Lab, t: Topology) => Promise<T>,
  rows: (t: Topology, real: T[]) => Row[],
): Experiment {
  return experiment<T>({
    id,
    title,
    mirrors: [id],
    measure: (lab, reps, progress) => repeat(reps, progress, id, () => runReal(lab, loadMirror(id))),
    judge: (real) => rows(loadMirror(id), real),
  });
}

function crash(id: string, title: string, judgeDuplicates = false): Experiment {
  return oneMirror(id, title, crashReal, (t, real) => {
    const sim = seeded(t).map(crashSimulated);
    const rows = [lossRow(id, real, sim)];
    if (judgeDuplicates) rows.push(duplicateRow(id, real, sim));
    return rows;
  });
}

function lossRow(id: string, real: CrashOutcome[], sims: CrashOutcome[]): Row {
  const mid = medianRun(real, (r) => r.lost);
  const realCategory = lossCategory(mid.lost, mid.atRisk);
  const sim = medianRun(sims, (r) => r.lost);
  const simCategory = lossCategory(sim.lost, sim.atRisk);
  return {
    experiment: id,
    measure: 'lost (acknowledged, never delivered)',
    real: `${spread(
      real.map((r) => r.lost),
      String,
    )}: ${realCategory}`,
    simulated: `${spread(
      sims.map((r) => r.lost),
      String,
    )}: ${simCategory}`,
    ok: realCategory === simCategory,
    raw: `real ${real.map(crashText).join('; ')} | simulated, the median seed: ${crashText(sim)}`,
  };
}

/** Duplicates (a message delivered twice) after a consumer dies: none, a handful or more. */
function duplicateRow(id: string, real: CrashOutcome[], sims: CrashOutcome[]): Row {
  const category = (d: number) => (d === 0 ? 'none' : d <= 10 ? 'a handful' : 'more than a handful');
  const mid = median(real.map((r) => r.duplicates));
  const simMid = median(sims.map((r) => r.duplicates));
  return {
    experiment: id,
    measure: 'duplicates (delivered twice)',
    real: `${spread(
      real.map((r) => r.duplicates),
      String,
    )}: ${category(mid)}`,
    simulated: `${spread(
      sims.map((r) => r.duplicates),
      String,
    )}: ${category(simMid)}`,
    ok: category(mid) === category(simMid),
    raw: `redelivered: real ${real.map((r) => r.redelivered).join(', ')} | simulated ${sims.map((r) => r.redelivered).join(', ')}`,
  };
}

function crashText(o: CrashOutcome): string {
  return `sent ${o.acknowledged} lost ${o.lost} at risk ${o.atRisk} dup ${o.duplicates} redelivered ${o.redelivered}`;
}

interface TransportPair {
  vm: TransportOutcome;
  tcp: TransportOutcome;
}

function transport(type: 'text' | 'object', persistence: 'persistent' | 'nonpersistent'): Experiment {
  const id = `transport-${type}-${persistence}`;
  const vm = `transport-vm-${type}-${persistence}`;
  const tcp = `transport-tcp-${type}-${persistence}`;
  return experiment<TransportPair>({
    id,
    title: `vm:// against tcp://, ${type === 'text' ? 'TextMessage' : 'ObjectMessage'}, ${persistence === 'persistent' ? 'persistent' : 'non-persistent'}`,
    mirrors: [vm, tcp],
    measure: (lab, reps, progress) =>
      repeat(reps, progress, id, async () => ({
        vm: await transportReal(lab, loadMirror(vm)),
        tcp: await transportReal(lab, loadMirror(tcp)),
      })),
    judge(real) {
      const tcps = seeded(loadMirror(tcp));
      const sims = seeded(loadMirror(vm)).map((v, i) => ({
        vm: transportSimulated(v),
        tcp: transportSimulated(tcps[i]!),
      }));
      const latency = (r: TransportPair) => r.tcp.latencyP50Us / r.vm.latencyP50Us;
      const throughput = (r: TransportPair) => r.vm.throughputPerSecond / r.tcp.throughputPerSecond;
      const raw = (r: TransportPair) =>
        `p50 vm ${r.vm.latencyP50Us}us tcp ${r.tcp.latencyP50Us}us, throughput vm ${r.vm.throughputPerSecond}/s tcp ${r.tcp.throughputPerSecond}/s`;
      const rawText = `real ${real.map(raw).join('; ')} | simulated ${sims.map(raw).join('; ')}`;
      return [
        ratioRow(id, 'p50 latency, tcp / vm', real.map(latency), sims.map(latency), rawText),
        ratioRow(id, 'throughput, vm / tcp', real.map(throughput), sims.map(throughput), rawText),
      ];
    },
  });
}

function ratioRow(id: string, measure: string, real: number[], sim: number[], raw: string): Row {
  const x = (v: number) => `${v.toFixed(2)}x`;
  return {
    experiment: id,
    measure,
    real: spread(real, x),
    simulated: spread(sim, x),
    ok: withinTolerance(median(sim), median(real)),
    raw,
  };
}

function failover(id: string, title: string): Experiment {
  return oneMirror(id, title, failoverReal, (t, runs) => {
    const real = runs.map((r) => r.gapUs);
    const sims = seeded(t).map((x) => failoverSimulated(x).gapUs);
    const sim = median(sims);
    const s = (us: number) => `${(us / 1e6).toFixed(2)}s`;
    return [
      {
        experiment: id,
        measure: 'gap: kill to first acknowledged send',
        real: spread(real, s),
        simulated: spread(sims, s),
        ok: sims.every((g) => g >= 0) && withinTolerance(sim, median(real)),
        raw: `real ${real.map(s).join(', ')} | simulated ${sims.map(s).join(', ')}`,
      },
    ];
  });
}

function spread(values: number[], show: (v: number) => string): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${show(sorted[0]!)} / ${show(median(sorted))} / ${show(sorted[sorted.length - 1]!)}`;
}

export const EXPERIMENTS: Experiment[] = [
  crash('crash-persistent-always', 'persistent sync sends, journal synced always; broker kill -9'),
  crash('crash-persistent-periodic', 'persistent sync sends, journal synced periodically; broker kill -9'),
  crash('crash-persistent-never', 'persistent sync sends, journal never synced; broker kill -9'),
  crash('crash-async-send', 'persistent useAsyncSend at 500/s; broker kill -9'),
  crash('crash-async-send-fast', 'persistent useAsyncSend at 5,000/s; broker kill -9'),
  crash('crash-nonpersistent-kill', 'non-persistent behind a slow consumer; broker kill -9'),
  crash('crash-nonpersistent-stop', 'non-persistent behind a slow consumer; clean broker stop'),
  crash('crash-client-ack-consumer', 'CLIENT_ACKNOWLEDGE consumer kill -9 holding unacked messages', true),
  transport('text', 'nonpersistent'),
  transport('object', 'nonpersistent'),
  transport('text', 'persistent'),
  transport('object', 'persistent'),
  failover(
    'failover-default-lock-poll',
    'shared-store master/slave, default lock poll (10 s); master kill -9',
  ),
  failover('failover-1s-lock-poll', 'shared-store master/slave, 1 s lock poll; master kill -9'),
];
