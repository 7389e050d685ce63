/**
 * An exported deployment made runnable on this machine (real-broker tests, verify): the
 * exported files with each broker's fixed port 61616 replaced by a free loopback port, host
 * names by 127.0.0.1, and the container paths (/etc/brokerlab, /var/lib/brokerlab) by a scratch
 * directory. Nothing else in the files changes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportPlan } from '../export/exportPlan.js';
import { CONFIG_ROOT, DATA_ROOT, OPENWIRE_PORT } from '../export/layout.js';
import type { ExportFile } from '../export/types.js';
import type { Plan } from '../plan/types.js';
import { freePort, LOOPBACK } from '../real/ports.js';

export interface LocalExport {
  files: ExportFile[];
  /** Where the files were written (stands for /etc/brokerlab). */
  configDir: string;
  /** Each broker's OpenWire port on the loopback address. */
  ports: Map<string, number>;
  configOf(broker: string): string;
  /** Any exported text (a client URI) with this machine's ports and paths. */
  localize(text: string): string;
  /** Where broker data lives (stands for /var/lib/brokerlab). */
  dataDir: string;
}

export async function localExport(plan: Plan, scratch: string): Promise<LocalExport> {
  const ports = new Map<string, number>();
  for (const b of plan.brokers) ports.set(b.name, await freePort());
  const configDir = join(scratch, 'conf');
  const dataDir = join(scratch, 'data');
  const files = exportPlan(plan, new Set()).map((f) => ({
    path: f.path,
    content: localize(f, ports, configDir, dataDir),
  }));
  for (const f of files) {
    const path = join(configDir, ...f.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return {
    files,
    configDir,
    ports,
    configOf: (broker) => join(configDir, 'brokers', broker, 'activemq.xml'),
    localize: (text) => localizeText(text, null, ports, configDir, dataDir, 'a client URI'),
    dataDir,
  };
}

function localize(f: ExportFile, ports: Map<string, number>, configDir: string, dataDir: string): string {
  // Only what runs here: the manifests keep the names and paths of a real deployment.
  if (!f.path.startsWith('brokers/') && !f.path.startsWith('clients/')) return f.content;
  const own = /^brokers\/([^/]+)\/activemq\.xml$/.exec(f.path)?.[1] ?? null;
  return localizeText(f.content, own, ports, configDir, dataDir, f.path);
}

function localizeText(
  content: string,
  own: string | null,
  ports: Map<string, number>,
  configDir: string,
  dataDir: string,
  where: string,
): string {
  let text = content;
  if (own) text = text.split(`tcp://0.0.0.0:${OPENWIRE_PORT}`).join(`tcp://${LOOPBACK}:${ports.get(own)}`);
  text = text.replace(new RegExp(`tcp://([A-Za-z0-9_.-]+):${OPENWIRE_PORT}`, 'g'), (whole, host: string) => {
    const port = ports.get(host);
    if (port === undefined) throw new Error(`${where}: ${whole} names no broker of the plan`);
    return `tcp://${LOOPBACK}:${port}`;
  });
  return text.split(CONFIG_ROOT).join(configDir).split(DATA_ROOT).join(dataDir);
}
