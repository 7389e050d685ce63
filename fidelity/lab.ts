/**
 * What every real experiment needs: the installation, the compiled client programs, a scratch
 * directory per run, and brokers configured from a mirror topology's cluster settings.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBroker, type RealBroker } from '../src/real/broker.js';
import { brokerXml } from '../src/real/brokerXml.js';
import { type ClientProgram, startClient } from '../src/real/clients.js';
import { findInstallation, INSTALL_HINT, type Installation } from '../src/real/installation.js';
import { compiledClients } from '../src/real/javaClasses.js';
import type { JavaProcess } from '../src/real/javaProcess.js';
import { freePort } from '../src/real/ports.js';
import { removeDir, scratchDir } from '../src/real/reaper.js';
import type { ClusterSettings, FailoverSettings } from '../src/topology/types.js';

export interface Lab {
  inst: Installation;
  classes: string;
}

/** The installation and the compiled clients, or why they are missing (with how to install them). */
export async function openLab(): Promise<{ ok: true; lab: Lab } | { ok: false; missing: string }> {
  const found = findInstallation();
  if (!found.ok) return { ok: false, missing: `${found.missing}; ${INSTALL_HINT}` };
  return { ok: true, lab: { inst: found.installation, classes: await compiledClients(found.installation) } };
}

/** A run's scratch directory, and the processes it owns: all gone when the run ends, however it ends. */
export interface Run {
  dir: string;
  own<P extends { kill(): Promise<void> }>(p: P): P;
}

export async function withRun<T>(name: string, body: (run: Run) => Promise<T>): Promise<T> {
  const dir = scratchDir(name);
  const owned: { kill(): Promise<void> }[] = [];
  try {
    const own = <P extends { kill(): Promise<void> }>(p: P): P => {
      owned.push(p);
      return p;
    };
    return await body({ dir, own });
  } finally {
    for (const p of owned) await p.kill();
    removeDir(dir);
  }
}

export const BROKER_START_MS = 60_000;

/** A broker named `name` with the cluster's store settings, its data under the run's directory. */
export async function clusterBroker(
  lab: Lab,
  run: Run,
  name: string,
  cluster: ClusterSettings,
  kahadbDir: string,
  port?: number,
): Promise<RealBroker> {
  const dataDir = join(run.dir, name);
  mkdirSync(dataDir, { recursive: true });
  const openwirePort = port ?? (await freePort());
  const shared = cluster.ha === 'shared-store';
  const lockMs = shared ? cluster.lock.lockAcquireSleepIntervalUs / 1000 : undefined;
  // The mirror's keep-alive, so that the real slave waits what the simulated one does.
  const keepAliveMs = shared ? cluster.lock.lockKeepAlivePeriodUs / 1000 : undefined;
  const text = brokerXml({
    brokerName: name,
    openwirePort,
    dataDir,
    persistent: cluster.store.kind !== 'memory',
    kahadbDir,
    journalDiskSyncStrategy: cluster.store.journalDiskSyncStrategy,
    ...(lockMs === undefined ? {} : { lockAcquireSleepIntervalMs: lockMs }),
    ...(keepAliveMs === undefined ? {} : { lockKeepAlivePeriodMs: keepAliveMs }),
  });
  return run.own(launchBroker(lab.inst, { config: { text }, dataDir, openwirePort }));
}

/** A client program (real/java) owned by the run. */
export function client(
  lab: Lab,
  run: Run,
  program: ClientProgram,
  options: Record<string, string | number | boolean>,
): JavaProcess {
  return run.own(startClient(lab.inst, lab.classes, program, options, run.dir));
}

/** The failover: URL a central client uses, with the topology's reconnect settings. */
export function failoverUrl(brokers: RealBroker[], f: FailoverSettings): string {
  const options = [
    `randomize=${f.randomize}`,
    `initialReconnectDelay=${f.initialReconnectDelayUs / 1000}`,
    `maxReconnectDelay=${f.maxReconnectDelayUs / 1000}`,
    `useExponentialBackOff=${f.useExponentialBackOff}`,
    `reconnectDelayExponent=${f.backOffMultiplier}`,
    `trackMessages=${f.trackMessages}`,
  ];
  return `failover:(${brokers.map((b) => b.url).join(',')})?${options.join('&')}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
