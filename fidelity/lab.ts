/**
 * What every real experiment needs: the installation, the compiled client programs, a scratch
 * directory per run, and brokers configured from a mirror topology's cluster settings.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrokerLaunch, launchBroker, type RealBroker } from '../src/real/broker.js';
import { brokerXml } from '../src/real/brokerXml.js';
import { findInstallation, INSTALL_HINT, type Installation } from '../src/real/installation.js';
import { compiledClients } from '../src/real/javaClasses.js';
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

/** Runs `body` with a fresh scratch directory, removed afterwards whatever happens. */
export async function withScratch<T>(name: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = scratchDir(name);
  try {
    return await body(dir);
  } finally {
    removeDir(dir);
  }
}

export const BROKER_START_MS = 60_000;

/** A broker named `name` with the cluster's store settings, its data under `dir/name`. */
export async function clusterBroker(
  lab: Lab,
  dir: string,
  name: string,
  cluster: ClusterSettings,
  kahadbDir: string,
  port?: number,
): Promise<{ broker: RealBroker; launch: BrokerLaunch }> {
  const dataDir = join(dir, name);
  mkdirSync(dataDir, { recursive: true });
  const openwirePort = port ?? (await freePort());
  const lockMs = cluster.ha === 'shared-store' ? cluster.lock.lockAcquireSleepIntervalUs / 1000 : undefined;
  const text = brokerXml({
    brokerName: name,
    openwirePort,
    dataDir,
    persistent: cluster.store.kind !== 'memory',
    kahadbDir,
    journalDiskSyncStrategy: cluster.store.journalDiskSyncStrategy,
    ...(lockMs === undefined ? {} : { lockAcquireSleepIntervalMs: lockMs }),
  });
  const launch: BrokerLaunch = { config: { text }, dataDir, openwirePort };
  return { broker: launchBroker(lab.inst, launch), launch };
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
