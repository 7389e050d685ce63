/**
 * Raw calibration figures -> cost model values with their spread, and the costs file that holds
 * them (schemas/costs.schema.json). Each cost is derived per repetition as the inverse of the
 * simulated path of the figure it comes from (src/sim/costs.ts, transport.ts, producers.ts,
 * dispatch.ts): the figure less the path's other costs, so that the simulator's paths with the
 * derived costs add up to the figures again (checkPaths shows it). The paths, 64 B text messages
 * unless a size is given (the bursts carry 1 KiB, the fidelity experiments' message):
 *
 * - tcp connect = lanRoundTrip (SYN, SYN-ACK);
 * - tcp burst, per message = max(tcpConnection, tcpTransport, brokerCpu): one transport thread
 *   per connection and direction takes each command and is busy for tcpConnection (at least
 *   tcpTransport) before the next, so a burst through one connection each way moves a message per
 *   tcpConnection unless the broker's CPU is slower;
 * - vm burst, per message = max(brokerCpu, the sender's part of the vm:// hop): a broker handles
 *   one message at a time (arrival.ts), and an async vm:// send() returns once the sending thread
 *   has cloned the message and queued it (costs.ts vmSenderUs; the hand-off is on the message's
 *   path, not the sender's), so over vm:// nothing else in the model is slower;
 * - sync send = hop (lanRoundTrip / 2 + 2 x marshalPerKiB x size) + tcpTransport + brokerCpu
 *   + receipt (lanRoundTrip / 2) + tcpTransport: a message alone sees only each reader's time
 *   on its path, never the connection time;
 * - persistent send = sync send + fsync<Disk> (journalDiskSyncStrategy=always; a sync send, so
 *   storeRecord, which async persistent adds pay, is not on it);
 * - tcp send-to-receive at size s = 2 hops + 2 x tcpTransport + brokerCpu + dispatchHandOff:
 *   grows by 4 x marshalPerKiB per KiB;
 * - vm send-to-receive = 2 x vmHop + brokerCpu + dispatchHandOff.
 *
 * Derived from them: lanRoundTrip from the connect; tcpConnection from the burst; marshalPerKiB
 * from the slope over sizes; tcpTransport from the tcp:// send-to-receive at the smallest size
 * less the vm:// one: the two share brokerCpu and dispatchHandOff, so what is left is the two
 * hops' wire and marshalling less the two vmHops (at their default), and two tcpTransports;
 * brokerCpu from the vm:// burst (a broker's pace, as the default is: 1 KiB text messages a
 * thread receives and reads, on a host with few cores the cores its threads share rather than
 * one thread's CPU time; on the fidelity host these 20,000-message bursts gave 3-4 us, the
 * default's 100,000-message ones 3.5-5.9 us, median 4.2); the fsync from the persistent send
 * less the sync send; dispatchHandOff from the vm:// figure less brokerCpu and two vmHops at
 * their default. The vm:// figure holds two unknowns, vmHop and dispatchHandOff, and nothing
 * else measured here separates them: vmHop (an estimate of 1-20 us) stays at its default, as
 * when the default dispatchHandOff was measured, because the other way round would put the
 * larger, measured hand-off into a guess. A derived value that would be negative is 0 (written as
 * the format's floor of 1): the path's other costs exceed the figure, and checkPaths shows by how
 * much. Not on any path measured here, so never written: ObjectMessage serialization (text
 * messages), storeRecord, journalReplayPerRecord, reconnectAttempt, killTeardown.
 */
import { DEFAULT_COSTS } from '../model/defaults.js';
import { fsyncUs, tcpControlUs, tcpHopUs, vmHopUs, vmSenderUs } from '../sim/costs.js';
import type { CostModel, DiskKind } from '../topology/types.js';
import { formatDurationNs, readableDurationUs } from '../topology/units.js';
import type { Calibration, CalibrationSample } from './calibrate.js';

export interface MeasuredCost {
  /** A key of the topology's `costs` (one table: schemas/topology.schema.json $defs/costs). */
  key: CostKey;
  /** Per-KiB costs are written in nanoseconds, the others in whole microseconds. */
  unit: 'ns' | 'us';
  /** The value of each repetition, in nanoseconds. */
  perRep: number[];
  measuredBy: string;
}

/** The costs calibrate derives: the topology's key and the cost model's field. */
const FIELD = {
  lanRoundTrip: 'lanRoundTripUs',
  tcpTransport: 'tcpTransportUs',
  tcpConnection: 'tcpConnectionUs',
  brokerCpu: 'brokerCpuUs',
  fsyncSsd: 'fsyncSsdUs',
  fsyncHdd: 'fsyncHddUs',
  fsyncNfs: 'fsyncNfsUs',
  marshalPerKiB: 'marshalNsPerKiB',
  dispatchHandOff: 'dispatchHandOffUs',
} as const satisfies Record<string, keyof CostModel>;
type CostKey = keyof typeof FIELD;

const FSYNC_KEY: Record<DiskKind, CostKey> = { ssd: 'fsyncSsd', hdd: 'fsyncHdd', nfs: 'fsyncNfs' };

/** The size of the messages of every figure but the tcp:// send-to-receive ones and the bursts. */
const SMALL = 64;
/** The size of the bursts' messages (Calibrate.java BURST_SIZE). */
const BURST = 1024;

/** Calibrate.java's untimed bursts before each timed one (the JIT compiler at work). */
function burstWarmup(plan: Calibration['plan']): string {
  return `after an untimed burst as large (the first repetition after untimed bursts of at least ${plan.warmBurstMessages.toLocaleString('en-US')} messages and 3 s)`;
}

/** The vm:// connection Calibrate.java opens: ActiveMQ's defaults. */
const VM_HOP = { copyMessageOnSend: true, objectMessageSerializationDefered: false };

/** The figure of one repetition, in nanoseconds. */
function figures(c: Calibration) {
  return (what: CalibrationSample['what'], rep: number, size = 0): number => {
    const s = c.samples.find((x) => x.what === what && x.rep === rep && x.size === size);
    if (!s)
      throw new Error(
        `calibration: no ${what} figure for repetition ${rep}${size ? ` at ${size} bytes` : ''}`,
      );
    return s.ns;
  };
}

export function deriveCosts(c: Calibration, disk: DiskKind): MeasuredCost[] {
  const reps = Array.from({ length: c.plan.reps }, (_, rep) => rep);
  const of = figures(c);
  const ops = `median of ${c.plan.count} after ${c.plan.warmup} warm-up, per repetition`;
  const d = DEFAULT_COSTS;
  const roundTrip = reps.map((r) => of('connect', r));
  const connection = reps.map((r) => of('tcpBurst', r));
  const marshal = reps.map((r) =>
    Math.max(0, slope(c.plan.sizes.map((size) => [size / 1024, of('tcpLatency', r, size)])) / 4),
  );
  const vmHops = vmHopUs(d, SMALL, 'text', VM_HOP, 'send') + vmHopUs(d, SMALL, 'text', VM_HOP, 'deliver');
  const first = c.plan.sizes[0]!;
  // tcp:// less vm:// send-to-receive: brokerCpu and dispatchHandOff cancel out.
  const transport = reps.map((r, i) => {
    const hopNs = roundTrip[i]! / 2 + (2 * marshal[i]! * first) / 1024;
    return Math.max(0, (of('tcpLatency', r, first) - 2 * hopNs - of('vmLatency', r) + vmHops * 1000) / 2);
  });
  const brokerCpu = reps.map((r) => of('vmBurst', r));
  const fsync = reps.map((r) => Math.max(0, of('persistentSend', r) - of('syncSend', r)));
  const handOff = reps.map((r, i) => Math.max(0, of('vmLatency', r) - brokerCpu[i]! - vmHops * 1000));
  return [
    {
      key: 'lanRoundTrip',
      unit: 'us',
      perRep: roundTrip,
      measuredBy: `TCP connect to the broker's port (SYN, SYN-ACK: one round trip), ${ops}`,
    },
    {
      key: 'tcpTransport',
      unit: 'us',
      perRep: transport,
      measuredBy: `a non-persistent send-to-receive of ${first / 1024} KiB over tcp:// less one of 64 B over vm:// (brokerCpu and dispatchHandOff cancel out), less two hops (lanRoundTrip and marshalPerKiB as derived here) and plus two vmHop at their default, halved: one reader's time on the message's path per command, ${ops}`,
    },
    {
      key: 'tcpConnection',
      unit: 'us',
      perRep: connection,
      measuredBy: `wall time per message of a burst of ${c.plan.burstCount} non-persistent 1 KiB text messages sent over one tcp:// connection while a thread receives and reads each on another, first send to last read, ${burstWarmup(c.plan)} (one transport thread per connection and direction is the bottleneck unless brokerCpu is slower), per repetition`,
    },
    {
      key: 'brokerCpu',
      unit: 'us',
      perRep: brokerCpu,
      measuredBy: `wall time per message of a burst of ${c.plan.burstCount} non-persistent 1 KiB text messages through a broker embedded in the client's JVM over vm:// while a thread receives and reads each, ${burstWarmup(c.plan)}: the broker's pace on this host (its threads share the host's cores with the client's), per repetition`,
    },
    {
      key: FSYNC_KEY[disk],
      unit: 'us',
      perRep: fsync,
      measuredBy: `a persistent 64 B send less a non-persistent synchronous one, ${ops}; ${
        c.started
          ? `KahaDB with journalDiskSyncStrategy=always under ${c.dataDirectory}`
          : "the running broker's store, with whatever journalDiskSyncStrategy it has"
      } (written as ${FSYNC_KEY[disk]}: --disk ${disk})`,
    },
    {
      key: 'marshalPerKiB',
      unit: 'ns',
      perRep: marshal,
      measuredBy: `a least-squares line through non-persistent send-to-receive times over tcp:// at ${c.plan.sizes
        .map((s) => `${s / 1024} KiB`)
        .join(', ')} (${ops}); its slope per KiB over 4 (marshal and unmarshal on each of two hops)`,
    },
    {
      key: 'dispatchHandOff',
      unit: 'us',
      perRep: handOff,
      measuredBy: `a non-persistent 64 B send-to-receive through a broker embedded in the client's JVM over vm://, ${ops}, less brokerCpu and two vmHop at their default of ${d.vmHopUs} us (the figure cannot separate the two; vmHop is not written)`,
    },
  ];
}

/** One measured figure (the median over repetitions) and the simulator's path for it. */
export interface PathCheck {
  path: string;
  measuredUs: number;
  simulatedUs: number;
}

/**
 * Each figure against its path in the simulator (the header's list, through src/sim/costs.ts)
 * with the costs as the file writes them and the defaults for the rest.
 */
export function checkPaths(c: Calibration, costs: readonly MeasuredCost[], disk: DiskKind): PathCheck[] {
  const m: CostModel = { ...DEFAULT_COSTS };
  for (const cost of costs) {
    const value = Math.max(1, Math.round(median(cost.perRep) / (cost.unit === 'us' ? 1000 : 1)));
    m[FIELD[cost.key]] = value;
  }
  const of = figures(c);
  const measured = (what: CalibrationSample['what'], size = 0) =>
    median(Array.from({ length: c.plan.reps }, (_, rep) => of(what, rep, size))) / 1000;
  const transport = 2 * m.tcpTransportUs;
  const syncSend = tcpHopUs(m, SMALL, 'text', 'send') + transport + m.brokerCpuUs + tcpControlUs(m);
  const tcpLatency = (size: number) =>
    tcpHopUs(m, size, 'text', 'send') +
    transport +
    m.brokerCpuUs +
    tcpHopUs(m, size, 'text', 'deliver') +
    m.dispatchHandOffUs;
  const vmLatency =
    vmHopUs(m, SMALL, 'text', VM_HOP, 'send') +
    m.brokerCpuUs +
    vmHopUs(m, SMALL, 'text', VM_HOP, 'deliver') +
    m.dispatchHandOffUs;
  const row = (path: string, measuredUs: number, simulatedUs: number): PathCheck => ({
    path,
    measuredUs: Math.round(measuredUs),
    simulatedUs,
  });
  return [
    row('tcp connect', measured('connect'), m.lanRoundTripUs),
    row(`sync send ${SMALL} B`, measured('syncSend'), syncSend),
    row(`persistent send ${SMALL} B`, measured('persistentSend'), syncSend + fsyncUs(m, disk)),
    ...c.plan.sizes.map((size) =>
      row(`tcp send to receive ${size / 1024} KiB`, measured('tcpLatency', size), tcpLatency(size)),
    ),
    row(`vm send to receive ${SMALL} B`, measured('vmLatency'), vmLatency),
    row(
      'tcp burst, per message',
      measured('tcpBurst'),
      Math.max(m.tcpConnectionUs, m.tcpTransportUs, m.brokerCpuUs),
    ),
    row(
      'vm burst, per message',
      measured('vmBurst'),
      Math.max(m.brokerCpuUs, vmSenderUs(m, BURST, 'text', VM_HOP)),
    ),
  ];
}

/** Least-squares slope of y over x. */
export function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A value as the costs file writes it: whole nanoseconds, or whole microseconds, never zero. */
export function formatCost(ns: number, unit: 'ns' | 'us'): string {
  return unit === 'ns'
    ? formatDurationNs(Math.max(1, Math.round(ns)))
    : readableDurationUs(Math.max(1, Math.round(ns / 1000)));
}

/** The costs file as a document (written as YAML, or printed as JSON). */
export function costsDocument(
  c: Calibration,
  costs: readonly MeasuredCost[],
  disk: DiskKind,
): Record<string, unknown> {
  return {
    costs: Object.fromEntries(costs.map((m) => [m.key, formatCost(median(m.perRep), m.unit)])),
    measured: Object.fromEntries(
      costs.map((m) => [
        m.key,
        {
          min: formatCost(Math.min(...m.perRep), m.unit),
          median: formatCost(median(m.perRep), m.unit),
          max: formatCost(Math.max(...m.perRep), m.unit),
          repetitions: m.perRep.length,
          measuredBy: m.measuredBy,
        },
      ]),
    ),
    paths: checkPaths(c, costs, disk).map((p) => ({
      path: p.path,
      measured: readableDurationUs(Math.max(1, p.measuredUs)),
      simulated: readableDurationUs(p.simulatedUs),
    })),
    machine: {
      broker: c.broker,
      activemq: c.activemq,
      cpus: c.cpus,
      loadAverage: c.loadAverage,
      ...(c.dataDirectory ? { dataDirectory: c.dataDirectory } : {}),
      date: c.startedAt.toISOString(),
      seconds: c.seconds,
    },
  };
}

export const COSTS_FILE_HEADER = `# brokerlab costs file (schemas/costs.schema.json), written by \`brokerlab calibrate\`.
# \`costs\` holds the values the simulator uses: name this file in a topology
# (\`costs: ./costs.yaml\`, relative to the topology) or give it to any command (\`--costs FILE\`).
# \`measured\` says, per value, its spread over the repetitions and how it was measured;
# \`paths\`, per figure timed, what the simulator's path for it takes with these costs.
# Keys not here keep the topology's value, or the default of src/model/defaults.ts.
`;
