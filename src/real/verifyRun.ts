/**
 * `verify`'s real run: the plan's exported brokers and one JVM per application process
 * (real/java/App.java), on loopback ports in a brokerlab-* scratch directory; the fault injected
 * at its time (src/verify/injection.ts); then, for a target that stayed down with its store,
 * that store opened again to count what it held (stranded, not lost). Everything by PID, and
 * everything gone when the run ends, fails or is interrupted (reaper.ts).
 */
import { join } from 'node:path';
import { clientUrisOf } from '../export/clientUris.js';
import { brokerDataDir, sharedStoreDir } from '../export/layout.js';
import type { Plan } from '../plan/types.js';
import { SHARED_STORE_TARGET } from '../topology/names.js';
import type { ScheduledFault, Topology } from '../topology/types.js';
import { type AppEvent, type ProcessLog, type RunFigures, realFigures } from '../verify/figures.js';
import { INJECTIONS } from '../verify/injection.js';
import { launchBroker, type RealBroker } from './broker.js';
import { startClient } from './clients.js';
import { embeddingClasspath, findInstallation, INSTALL_HINT, type Installation } from './installation.js';
import { compiledClients } from './javaClasses.js';
import type { JavaProcess } from './javaProcess.js';
import { type LocalExport, localExport } from './localExport.js';
import { removeDir, scratchDir } from './reaper.js';

const START_MS = 60_000;
/** After the send phase: the run ends once nothing new arrived for this long... */
const QUIET_MS = 2_000;
/** ...or at the latest this long after it (a failover that never completes). */
const SETTLE_LIMIT_MS = 60_000;
/** SharedFileLocker logs this on a slave's first failed attempt to lock the store. */
const SLAVE_WAITING = /is locked by another server/;

export class RealBrokerMissing extends Error {}

export async function runReal(plan: Plan, fault: ScheduledFault | null): Promise<RunFigures> {
  const found = findInstallation();
  if (!found.ok) throw new RealBrokerMissing(`${found.missing}; ${INSTALL_HINT}`);
  const inst = found.installation;
  const classes = await compiledClients(inst);
  const dir = scratchDir('verify');
  const owned: { kill(): Promise<void> }[] = [];
  const own = <P extends { kill(): Promise<void> }>(p: P): P => {
    owned.push(p);
    return p;
  };
  try {
    const local = await localExport(plan, join(dir, 'export'));
    const sendMs = plan.topology.simulation.durationUs / 1000;
    const brokers = new Map<string, RealBroker>();
    const clusterBrokers = plan.brokers.filter((b) => b.placement === 'cluster');
    const [first, ...others] = clusterBrokers;
    const startBroker = (name: string) => {
      const b = own(
        launchBroker(inst, {
          config: { path: local.configOf(name) },
          dataDir: join(dir, 'run', name),
          openwirePort: local.ports.get(name)!,
        }),
      );
      brokers.set(name, b);
      return b;
    };
    if (first) await startBroker(first.name).waitUntilAccepting(START_MS);
    const apps = new Map<string, JavaProcess>();
    plan.processes.forEach((p, i) => {
      apps.set(p.name, own(startApp(inst, classes, plan, local, p.name, i, sendMs, dir)));
    });
    for (const a of apps.values()) await a.waitForLine(isConnected, START_MS, 'a connection');
    // The simulated slaves first try the lock at time 0, when the producers start: so here.
    for (const o of others) {
      const b = startBroker(o.name);
      if (plan.topology.cluster?.ha === 'shared-store')
        await b.process.waitForLine((l) => SLAVE_WAITING.test(l), START_MS, 'the slave waiting for the lock');
      else await b.waitUntilAccepting(START_MS);
    }
    for (const a of apps.values()) a.tell('go');
    const goMs = Date.now();
    let faultMs: number | null = null;
    let newMasterMs: number | null = null;
    if (fault) {
      await sleep(goMs + fault.atUs / 1000 - Date.now());
      faultMs = Date.now();
      await inject(fault, plan, apps, brokers, local);
      watchTakeover(brokers, (ms) => {
        newMasterMs ??= ms;
      });
    }
    await sleep(goMs + sendMs - Date.now());
    const live = plan.processes.filter((p) => apps.get(p.name)!.exit === null);
    // Sender threads: each prints its own `done` (a closed loop has inFlight of them).
    const producers = (app: string) =>
      plan.topology.applications
        .find((a) => a.id === app)!
        .producers.reduce((n, p) => n + (p.closedLoop?.inFlight ?? 1), 0);
    await settle(
      live.map((p) => apps.get(p.name)!),
      goMs + sendMs + SETTLE_LIMIT_MS,
      () => live.every((p) => producersFinished(apps.get(p.name)!, producers(p.app))),
    );
    const endMs = Date.now();
    for (const p of owned) await p.kill();
    const drained = fault ? await drain(inst, classes, plan, local, fault, dir) : new Set<number>();
    const logs: ProcessLog[] = plan.processes.map((p) => ({
      process: p.name,
      events: appEvents(apps.get(p.name)!),
      affected: fault !== null && affected(plan, p.name, fault),
      killedAtMs: fault !== null && killedBy(fault, plan) === p.name ? faultMs : null,
    }));
    return realFigures(logs, drained, faultMs, endMs, newMasterMs);
  } finally {
    for (const p of owned) await p.kill();
    removeDir(dir);
  }
}

function startApp(
  inst: Installation,
  classes: string,
  plan: Plan,
  local: LocalExport,
  process: string,
  index: number,
  sendMs: number,
  dir: string,
): JavaProcess {
  const app = plan.topology.applications.find((a) => plan.processes[index]!.app === a.id)!;
  const uris = clientUrisOf(plan, app.id).filter((u) => u.process === process);
  const uriFor = (carries: 'produce' | 'consume') =>
    local.localize(uris.find((u) => u.carries === carries || u.carries === 'both')?.uri ?? '');
  return startClient(
    inst,
    classes,
    'App',
    {
      produceUrl: uriFor('produce'),
      consumeUrl: uriFor('consume'),
      base: index * 10_000_000,
      produce: app.producers
        .map((p) =>
          [
            p.destination,
            p.ratePerSecond,
            p.sizeBytes,
            p.messageType,
            p.persistent,
            p.sendMode === 'async',
            // A closed loop: rate 0, its sender threads and its count (-1: until the sends end).
            ...(p.closedLoop ? [p.closedLoop.inFlight, p.closedLoop.count ?? -1] : []),
          ].join(','),
        )
        .join(';'),
      consume: app.consumers
        .map((c) => [c.destination, c.ackMode, c.processingUs / 1000, c.prefetch].join(','))
        .join(';'),
      sendMs,
      maxMs: sendMs + SETTLE_LIMIT_MS + START_MS,
    },
    dir,
    embeddingClasspath(inst),
  );
}

async function inject(
  fault: ScheduledFault,
  plan: Plan,
  apps: Map<string, JavaProcess>,
  brokers: Map<string, RealBroker>,
  local: LocalExport,
): Promise<void> {
  const how = INJECTIONS[fault.kind];
  if (how.how === 'skip') throw new Error(`${fault.kind} cannot be injected: ${how.reason}`);
  const target = killedBy(fault, plan);
  const victim = apps.get(target) ?? brokers.get(target);
  if (!victim) throw new Error(`no process or broker ${target} to inject ${fault.kind} into`);
  if (how.how === 'stop' && 'stop' in victim) await victim.stop();
  else await victim.kill();
  if (how.how === 'remove-store') removeDir(storeDirOf(plan, fault.target, local));
}

/** The process or broker a fault kills: a shared store's loss takes its master with it. */
function killedBy(fault: ScheduledFault, plan: Plan): string {
  return fault.target === SHARED_STORE_TARGET ? plan.brokers[0]!.name : fault.target;
}

/** The directory of the store a disk-loss target owns, on this machine. */
function storeDirOf(plan: Plan, target: string, local: LocalExport): string {
  if (target === SHARED_STORE_TARGET) return local.localize(sharedStoreDir());
  const broker = plan.brokers.find((b) => b.name === target || b.process === target)!;
  return local.localize(brokerDataDir(broker.name));
}

/**
 * What the fault's target still holds: its store opened again (its activemq.xml, embedded in a
 * drain process over vm://) and every queue read until quiet. Nothing to do where the target's
 * store is gone (disk loss) or shared with a broker that took over.
 */
async function drain(
  inst: Installation,
  classes: string,
  plan: Plan,
  local: LocalExport,
  fault: ScheduledFault,
  dir: string,
): Promise<Set<number>> {
  if (fault.kind === 'disk-loss') return new Set();
  const broker = plan.brokers.find((b) => b.name === fault.target || b.process === fault.target);
  if (!broker || broker.store === null) return new Set();
  if ((plan.stores.find((s) => s.name === broker.store)?.brokers.length ?? 1) > 1) return new Set();
  const queues = queuesOf(plan.topology);
  const p = startClient(
    inst,
    classes,
    'App',
    {
      consumeUrl: `vm://${broker.name}?brokerConfig=xbean:file:${local.configOf(broker.name)}`,
      consume: queues.map((q) => `${q},auto,0`).join(';'),
      waitForGo: false,
      maxMs: START_MS,
    },
    dir,
    embeddingClasspath(inst),
  );
  try {
    await p.waitForLine(isConnected, START_MS, 'the drain connected');
    await settle([p], Date.now() + SETTLE_LIMIT_MS);
    return new Set(
      appEvents(p)
        .filter((e) => e.ev === 'recv')
        .map((e) => e.seq),
    );
  } finally {
    await p.kill();
  }
}

function queuesOf(t: Topology): string[] {
  return t.destinations.filter((d) => d.type === 'queue').map((d) => d.name);
}

/** Whether a process's producers used what failed and it survived the fault. */
function affected(plan: Plan, process: string, fault: ScheduledFault): boolean {
  if (fault.target === process) return false;
  const failed =
    fault.target === SHARED_STORE_TARGET
      ? plan.brokers.filter((b) => b.placement === 'cluster').map((b) => b.name)
      : [fault.target];
  return plan.connections.some(
    (c) => c.process === process && c.carries !== 'consume' && c.brokers.some((b) => failed.includes(b)),
  );
}

function appEvents(p: JavaProcess): AppEvent[] {
  const lines = p.events();
  const epochMs = lines.find((l) => l.ev === 'start')?.epochMs ?? 0;
  return lines
    .filter((l) => l.ev === 'send' || l.ev === 'sent' || l.ev === 'failed' || l.ev === 'recv')
    .map((l) => ({
      ev: l.ev as AppEvent['ev'],
      seq: l.seq!,
      atMs: epochMs + l.t / 1000,
      ...(typeof l.due === 'number' ? { dueMs: epochMs + l.due / 1000 } : {}),
    }));
}

/** ActiveMQ logs this when a broker has started: for a slave, once it holds the store's lock. */
const BROKER_STARTED = /Apache ActiveMQ \S+ \(.*\) started/;

/** Notes when a waiting slave starts (in the background, ended by the broker's exit). */
function watchTakeover(brokers: Map<string, RealBroker>, seen: (ms: number) => void): void {
  for (const b of brokers.values())
    if (b.process.exit === null && !b.process.lines.some((l) => BROKER_STARTED.test(l)))
      b.process
        .waitForLine((l) => BROKER_STARTED.test(l), SETTLE_LIMIT_MS * 2, 'the slave starting')
        .then(
          () => seen(Date.now()),
          () => undefined,
        );
}

/** Whether every sender thread of an application process has ended (its last send answered, or failed). */
function producersFinished(p: JavaProcess, producers: number): boolean {
  return p.lines.filter((l) => l.includes('"ev":"done"') || l.includes('"ev":"failed"')).length >= producers;
}

/**
 * Until no process printed anything for QUIET_MS once `ready` holds (the producers are done:
 * a failover in progress is quiet too), or the limit.
 */
async function settle(
  processes: JavaProcess[],
  limitMs: number,
  ready: () => boolean = () => true,
): Promise<void> {
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < limitMs) {
    const count = processes.reduce((s, p) => s + p.lines.length, 0);
    if (count !== last) {
      last = count;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS && ready()) return;
    await sleep(100);
  }
}

const isConnected = (line: string) => line.includes('"connected"');

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
