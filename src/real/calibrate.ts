/**
 * `brokerlab calibrate`'s measurements: a broker started from this machine's ActiveMQ on a free
 * loopback port (KahaDB, journalDiskSyncStrategy=always, in a scratch directory), or a running one
 * given by URL, and the Calibrate program (real/java/Calibrate.java) timing it. What the figures
 * mean as costs is calibration.ts's job; this file only runs things and collects them.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBroker, type RealBroker } from './broker.js';
import { brokerXml } from './brokerXml.js';
import { finished, startClient } from './clients.js';
import type { Installation } from './installation.js';
import { compiledClients } from './javaClasses.js';
import { freePort } from './ports.js';
import { removeDir, scratchDir } from './reaper.js';

/** One raw figure: the median of `count` timed operations, in nanoseconds. */
export interface CalibrationSample {
  what: 'connect' | 'syncSend' | 'persistentSend' | 'tcpLatency' | 'vmLatency' | 'tcpBurst' | 'vmBurst';
  rep: number;
  /** Message size in bytes (tcpLatency); 0 otherwise. */
  size: number;
  ns: number;
}

/** How much to measure: repetitions, timed operations per figure, sizes for the per-KiB fit. */
export interface CalibrationPlan {
  reps: number;
  count: number;
  warmup: number;
  sizes: number[];
  /** Messages of each burst (tcpBurst, vmBurst), timed after an untimed burst as large. */
  burstCount: number;
  /** Messages in untimed bursts before the first timed one of each path (the JIT at work: fidelity/transport.ts). */
  warmBurstMessages: number;
}

export const DEFAULT_PLAN: CalibrationPlan = {
  reps: 5,
  count: 300,
  warmup: 300,
  sizes: [1024, 16 * 1024, 64 * 1024],
  burstCount: 20_000,
  warmBurstMessages: 1_000_000,
};

export const QUICK_PLAN: CalibrationPlan = {
  reps: 3,
  count: 100,
  warmup: 100,
  sizes: [1024, 32 * 1024],
  burstCount: 5000,
  warmBurstMessages: 100_000,
};

export interface Calibration {
  samples: CalibrationSample[];
  plan: CalibrationPlan;
  /** The broker measured, as the costs file names it. */
  broker: string;
  /** Whether calibrate started the broker (then its journal's disk is known). */
  started: boolean;
  /** Where the started broker's journal was (a scratch directory under it, removed afterwards). */
  dataDirectory: string | null;
  activemq: string;
  cpus: number;
  loadAverage: number[];
  startedAt: Date;
  seconds: number;
}

const BROKER_START_MS = 60_000;
const RUN_MS = 300_000;

/**
 * Runs the measurements; `onProgress` hears what happens (a broker's PID, the phase). Everything
 * started is stopped, and the scratch directory removed, however this ends.
 */
export async function calibrate(
  inst: Installation,
  plan: CalibrationPlan,
  brokerUrl: string | undefined,
  onProgress: (line: string) => void,
): Promise<Calibration> {
  const startedAt = new Date();
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  const t0 = performance.now();
  const classes = await compiledClients(inst);
  const dir = scratchDir('calibrate');
  let broker: RealBroker | null = null;
  try {
    let url = brokerUrl;
    if (url === undefined) {
      const openwirePort = await freePort();
      const kahadb = join(dir, 'kahadb');
      const text = brokerXml({
        brokerName: 'calibrate',
        openwirePort,
        dataDir: dir,
        persistent: true,
        kahadbDir: kahadb,
        journalDiskSyncStrategy: 'always',
      });
      broker = launchBroker(inst, { config: { text }, dataDir: dir, openwirePort });
      onProgress(
        `started ActiveMQ ${inst.activemqVersion} (pid ${broker.pid}) on ${broker.url}, data in ${dir}`,
      );
      await broker.waitUntilAccepting(BROKER_START_MS);
      url = broker.url;
    }
    const program = startClient(
      inst,
      classes,
      'Calibrate',
      {
        url,
        reps: plan.reps,
        count: plan.count,
        warmup: plan.warmup,
        sizes: plan.sizes.join(','),
        burstCount: plan.burstCount,
        warmBurstMessages: plan.warmBurstMessages,
      },
      dir,
    );
    onProgress(
      `measuring ${url} (pid ${program.pid}): ${plan.reps} repetitions of ${plan.count} operations each`,
    );
    try {
      await finished(program, RUN_MS);
    } finally {
      await program.kill();
    }
    const samples = program
      .events()
      .filter((e) => e.ev === 'sample')
      .map((e) => ({ what: e.what, rep: e.rep, size: e.size ?? 0, ns: e.ns }) as CalibrationSample);
    return {
      samples,
      plan,
      broker: broker
        ? `${url} (started by calibrate from ${inst.activemqHome}, KahaDB journalDiskSyncStrategy=always)`
        : `${url} (a running broker)`,
      started: broker !== null,
      dataDirectory: broker ? tmpdir() : null,
      activemq: inst.activemqVersion,
      cpus: cpus().length,
      loadAverage,
      startedAt,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
    };
  } finally {
    if (broker) await broker.stop(10_000);
    removeDir(dir);
  }
}
