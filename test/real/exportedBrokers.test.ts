/**
 * Exported configurations on the real broker (Debian's ActiveMQ 5.17): every bundled topology's
 * brokers start from their exported activemq.xml (scaled down to two processes per application),
 * a network of brokers forwards a message end to end, a shared-store slave waits for the lock
 * and takes over after kill -9 of its master, and the exported jndi.properties connect. Ports
 * are free loopback ports (localExport rewrites 61616); every process and directory of a test
 * goes away when it ends, also when it fails. Tests run concurrently: each JVM mostly waits.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/buildPlan.js';
import type { Plan } from '../../src/plan/types.js';
import { launchBroker, type RealBroker } from '../../src/real/broker.js';
import { finished, startClient } from '../../src/real/clients.js';
import {
  embeddingClasspath,
  findInstallation,
  INSTALL_HINT,
  type Installation,
} from '../../src/real/installation.js';
import { compiledClients } from '../../src/real/javaClasses.js';
import { JavaProcess } from '../../src/real/javaProcess.js';
import { type LocalExport, localExport } from '../../src/real/localExport.js';
import { removeDir, scratchDir } from '../../src/real/reaper.js';
import { loadTopologyFile } from '../../src/topology/load.js';
import type { Topology } from '../../src/topology/types.js';

const found = findInstallation();
if (!found.ok && !process.env.CI)
  console.warn(`skipping the real-broker export tests: ${found.missing}; ${INSTALL_HINT}`);
const suite = found.ok || process.env.CI ? describe.concurrent : describe.skip;

const PROBE = fileURLToPath(new URL('java/JndiProbe.java', import.meta.url));
/**
 * For the JVMs these tests start (this file's worker only): the client compiler alone and the
 * serial collector start a broker in a third of the time on a loaded machine, and change
 * nothing ActiveMQ does.
 */
const FAST_START = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';
const START_MS = 60_000;
// Generous: a test may queue for a slot (limit) before it starts its JVMs.
const TEST_MS = 300_000;
const S = 1_000_000;

function installation(): Installation {
  if (!found.ok) throw new Error(`${found.missing}: ${INSTALL_HINT}`);
  return found.installation;
}

async function bundledPlan(file: string, change: (t: Topology) => Topology = (t) => t): Promise<Plan> {
  const loaded = await loadTopologyFile(`topologies/${file}`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const t = loaded.topology;
  // Scaled down: two processes per application where they form a mesh, else one (a hub's spoke,
  // a client): every kind of broker configuration the topology exports, each JVM a cost.
  const keep = t.layout === 'embedded' && t.embedded?.network === 'mesh' ? 2 : 1;
  const scaled = {
    ...t,
    applications: t.applications.map((a) => ({ ...a, replicas: Math.min(a.replicas, keep) })),
  };
  return buildPlan(change(scaled));
}

/** At most `n` bodies at a time: each test starts several JVMs, and the machine has few cores. */
function limit(n: number) {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(body: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await body();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}
const slot = limit(2);

const started = (name: string) => (line: string) =>
  line.includes('Apache ActiveMQ') && line.includes(`(${name},`) && line.endsWith(') started');
const waitingForLock = (line: string) => line.includes('is now in slave mode waiting a lock');
const bridgeUp = (line: string) => /Network connection between .* has been established/.test(line);

/** One test's exported deployment on this machine, and everything it started. */
class Deployment {
  readonly processes: JavaProcess[] = [];
  readonly brokers = new Map<string, RealBroker>();
  private constructor(
    readonly plan: Plan,
    readonly local: LocalExport,
    readonly scratch: string,
  ) {}

  static async of(plan: Plan): Promise<Deployment> {
    const scratch = scratchDir('export');
    try {
      return new Deployment(plan, await localExport(plan, scratch), scratch);
    } catch (error) {
      removeDir(scratch);
      throw error;
    }
  }

  /** Runs `body`, then kills every process it started (kill -9 by PID) and removes the directory. */
  static run(plan: Plan, body: (d: Deployment) => Promise<void>): Promise<void> {
    return slot(async () => {
      const d = await Deployment.of(plan);
      try {
        await body(d);
      } finally {
        await Promise.all(d.processes.map((p) => p.kill()));
        removeDir(d.scratch);
      }
    });
  }

  url(broker: string): string {
    return `tcp://127.0.0.1:${this.local.ports.get(broker)}`;
  }

  track<T extends JavaProcess>(p: T): T {
    this.processes.push(p);
    return p;
  }

  /**
   * Starts every broker at once and waits until each has either started or, as the slave of a
   * shared store, reported that it waits for the lock. Returns the names of those that started.
   */
  startAll(): Promise<Set<string>> {
    return this.startBrokers(this.plan.brokers.map((b) => b.name));
  }

  async startBrokers(names: string[]): Promise<Set<string>> {
    const chosen = this.plan.brokers.filter((b) => names.includes(b.name));
    for (const b of chosen) {
      const broker = launchBroker(installation(), {
        config: { path: this.local.configOf(b.name) },
        dataDir: join(this.scratch, 'run', b.name),
        openwirePort: this.local.ports.get(b.name)!,
        heapMb: 128,
      });
      this.track(broker.process);
      this.brokers.set(b.name, broker);
    }
    const outcomes = await Promise.all(
      chosen.map(async (b) => {
        const line = await this.brokers
          .get(b.name)!
          .process.waitForLine(
            (l) => started(b.name)(l) || waitingForLock(l),
            START_MS,
            `${b.name} started or waiting for the lock`,
          );
        return { name: b.name, started: !waitingForLock(line) };
      }),
    );
    return new Set(outcomes.filter((o) => o.started).map((o) => o.name));
  }

  client(
    program: 'Producer' | 'Consumer',
    options: Record<string, string | number | boolean>,
    classes: string,
  ) {
    return this.track(startClient(installation(), classes, program, options, this.scratch));
  }

  /** A client program whose vm:// URL starts an embedded broker from its exported file (Spring and xbean on the classpath). */
  embeddedClient(
    program: 'Producer' | 'Consumer',
    options: Record<string, string | number | boolean>,
    classes: string,
  ) {
    const inst = installation();
    const args = Object.entries(options).map(([k, v]) => `${k}=${v}`);
    // The embedded broker logs (a bridge established) on stdout, beside the program's JSON lines.
    const log4j = join(this.scratch, 'client-log4j.properties');
    writeFileSync(log4j, CLIENT_LOG4J);
    const jvm = [
      '-Xmx128m',
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      `${classes}:${fullClasspath(inst)}`,
    ];
    return this.track(new JavaProcess(inst.java, [...jvm, program, ...args], this.scratch));
  }

  /** The JNDI probe (test/real/java/JndiProbe.java) on an exported jndi.properties; true when it sent and received. */
  async probe(app: string, factory: string, destination: string): Promise<boolean> {
    const inst = installation();
    const classpath = `${await probeClasses()}:${fullClasspath(inst)}`;
    const jndi = join(this.local.configDir, 'clients', app, 'jndi.properties');
    const args = ['-Xmx128m', '-cp', classpath, 'JndiProbe', jndi, factory, destination];
    const probe = this.track(new JavaProcess(inst.java, args, this.scratch));
    await finished(probe, 90_000);
    return probe.events().find((e) => e.ev === 'probe')?.ok === true;
  }
}

const CLIENT_LOG4J = `log4j.rootLogger=WARN, stdout
log4j.logger.org.apache.activemq.network=INFO
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=%-5p %c{1} - %m%n
`;

/** lib/optional holds xbean-spring and Spring: what a vm://...?brokerConfig=xbean: URI needs. */
const fullClasspath = embeddingClasspath;

let probeBuild: Promise<string> | undefined;

/** JndiProbe.java compiled once per run, into a scratch directory the reaper removes at exit. */
function probeClasses(): Promise<string> {
  probeBuild ??= (async () => {
    const dir = scratchDir('export-probe');
    await promisify(execFile)(installation().javac, [
      '-nowarn',
      '-d',
      dir,
      '-cp',
      installation().classpath,
      PROBE,
    ]);
    return dir;
  })();
  return probeBuild;
}

function masterSlaveGroups(plan: Plan): string[][] {
  const c = plan.topology.cluster;
  if (!c || (c.ha !== 'shared-store' && c.ha !== 'jdbc')) return [];
  return [plan.brokers.filter((b) => b.placement === 'cluster').map((b) => b.name)];
}

suite('exported configurations on the real broker', () => {
  const saved = process.env.JAVA_TOOL_OPTIONS;
  beforeAll(() => {
    process.env.JAVA_TOOL_OPTIONS = FAST_START;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = saved;
  });
  const bundled = readdirSync('topologies').filter((f) => f.endsWith('.yaml'));

  it.each(bundled)(
    '%s: every exported broker starts (one master per shared store, the others wait for its lock), its bridges connect, its cluster URIs connect, a network forwards',
    async (file) => {
      const plan = await bundledPlan(file);
      await Deployment.run(plan, async (d) => {
        const up = await d.startAll();
        const inGroups = new Set(masterSlaveGroups(plan).flat());
        for (const group of masterSlaveGroups(plan)) expect(group.filter((b) => up.has(b))).toHaveLength(1);
        for (const b of plan.brokers) if (!inGroups.has(b.name)) expect(up.has(b.name), b.name).toBe(true);
        const bridging = plan.brokers.filter(
          (b) =>
            up.has(b.name) && readFileSync(d.local.configOf(b.name), 'utf8').includes('<networkConnector '),
        );
        await Promise.all(
          bridging.map((b) =>
            d.brokers
              .get(b.name)!
              .process.waitForLine(bridgeUp, START_MS, `a bridge of ${b.name} established`),
          ),
        );
        // The failover: URI of every application that uses the cluster, through its jndi.properties.
        for (const app of plan.topology.applications) {
          const jndi = d.local.files.find((f) => f.path === `clients/${app.id}/jndi.properties`);
          if (!jndi?.content.includes('connection.ConnectionFactory.brokerURL=')) continue;
          const destination = app.consumers[0]?.destination ?? app.producers[0]!.destination;
          expect(await d.probe(app.id, 'ConnectionFactory', destination), `${app.id} over failover:`).toBe(
            true,
          );
        }
        if (plan.topology.cluster?.ha === 'network-of-brokers') await forwardsAcrossTheNetwork(d);
      });
    },
    TEST_MS,
  );

  it(
    'a shared-store slave waits for the lock and, after kill -9 of its master, takes over with the messages',
    async () => {
      // The topology's lock timing shortened to fit a test: the slave polls every second and, once
      // it holds the lock, waits one keep-alive period (2 s) for the old master to notice.
      const plan = await bundledPlan('central-cluster.yaml', (t) => ({
        ...t,
        cluster: {
          ...t.cluster!,
          lock: { ...t.cluster!.lock, lockAcquireSleepIntervalUs: 1 * S, lockKeepAlivePeriodUs: 2 * S },
        },
      }));
      await Deployment.run(plan, async (d) => {
        const up = await d.startAll();
        expect(up.size).toBe(1);
        const master = [...up][0]!;
        const slave = master === 'broker-0' ? 'broker-1' : 'broker-0';
        const failoverUrl = propertyOf(
          d.local,
          'clients/orders/jndi.properties',
          'connection.ConnectionFactory.brokerURL',
        );
        const classes = await compiledClients(installation());
        await finished(
          d.client('Producer', { url: failoverUrl, queue: 'orders', count: 10 }, classes),
          START_MS,
        );
        await d.brokers.get(master)!.kill();
        await d.brokers
          .get(slave)!
          .process.waitForLine(started(slave), START_MS, `${slave} started as the new master`);
        const consumer = d.client(
          'Consumer',
          { url: failoverUrl, queue: 'orders', idleMs: 3000, maxMs: 60_000 },
          classes,
        );
        await finished(consumer, 90_000);
        const received = consumer
          .events()
          .filter((e) => e.ev === 'recv')
          .map((e) => e.seq!);
        expect(received.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      });
    },
    TEST_MS,
  );

  it(
    'embedded-hub: messages go from one spoke through the hub to another (networkTTL 2), each spoke started by its vm:// URI',
    async () => {
      const plan = await bundledPlan('embedded-hub.yaml', (t) => ({
        ...t,
        applications: t.applications.map((a) => ({ ...a, replicas: 2 })),
      }));
      await Deployment.run(plan, async (d) => {
        // Only the hub runs as broker processes; each spoke lives in its application's JVM.
        await d.startBrokers(plan.brokers.filter((b) => b.placement === 'cluster').map((b) => b.name));
        const classes = await compiledClients(installation());
        const vmUrl = (p: string) =>
          propertyOf(d.local, 'clients/orders/jndi.properties', `connection.${p}.brokerURL`);
        const consumer = d.embeddedClient(
          'Consumer',
          { url: vmUrl('orders-1'), queue: 'orders', idleMs: 8000, maxMs: 60_000 },
          classes,
        );
        await consumer.waitForLine(bridgeUp, START_MS, 'the bridge of orders-1 to the hub');
        const producer = d.embeddedClient(
          'Producer',
          { url: vmUrl('orders-0'), queue: 'orders', count: 20, rate: 4 },
          classes,
        );
        await finished(producer, 90_000);
        await finished(consumer, 90_000);
        const received = consumer
          .events()
          .filter((e) => e.ev === 'recv')
          .map((e) => e.seq!);
        // The producer's JVM (and its broker) ends with its last send: the last few may stay in its store.
        expect(received.length).toBeGreaterThan(0);
        expect(new Set(received).size).toBe(received.length);
      });
    },
    TEST_MS,
  );

  // A vm:// factory starts its broker inside the probe's JVM, from the exported activemq.xml.
  it.each([
    ['embedded-per-process.yaml', 'orders', 'orders-0', 'orders'],
    ['spring-boot-default.yaml', 'notifier', 'notifier-0', 'notifications'],
  ])(
    '%s: the jndi.properties of %s connects through factory %s (vm://, its broker started from the export) and sends and receives on %s',
    async (file, app, factory, destination) => {
      await Deployment.run(await bundledPlan(file), async (d) => {
        expect(await d.probe(app, factory, destination)).toBe(true);
      });
    },
    TEST_MS,
  );
});

/** A consumer on the last cluster broker receives what a producer sends to the first, through the bridges. */
async function forwardsAcrossTheNetwork(d: Deployment): Promise<void> {
  const names = d.plan.brokers.filter((b) => b.placement === 'cluster').map((b) => b.name);
  const [first, last] = [names[0]!, names[names.length - 1]!];
  const classes = await compiledClients(installation());
  const consumer = d.client(
    'Consumer',
    { url: d.url(last), queue: 'orders', idleMs: 5000, maxMs: 60_000 },
    classes,
  );
  await consumer.waitForLine((l) => l.includes('"connected"'), START_MS, 'the consumer connected');
  await finished(d.client('Producer', { url: d.url(first), queue: 'orders', count: 5 }, classes), START_MS);
  await finished(consumer, 90_000);
  const received = consumer
    .events()
    .filter((e) => e.ev === 'recv')
    .map((e) => e.seq!);
  expect(
    received.sort((a, b) => a - b),
    `forwarded from ${first} to ${last}`,
  ).toEqual([1, 2, 3, 4, 5]);
}

/** A value of an exported .properties file (these keys and URIs hold nothing to unescape). */
function propertyOf(local: LocalExport, path: string, key: string): string {
  const line = local.files
    .find((f) => f.path === path)!
    .content.split('\n')
    .find((l) => l.startsWith(`${key}=`));
  if (!line) throw new Error(`${path} has no ${key}`);
  return line.slice(key.length + 1);
}
