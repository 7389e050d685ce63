/**
 * Raw calibration figures -> cost model values with their spread, and the costs file that holds
 * them (schemas/costs.schema.json). Each cost is derived per repetition by the same mechanism the
 * simulator uses it in (src/sim/costs.ts), so that the simulated path adds up to the measured one:
 *
 * - lanRoundTrip: a TCP connect to the broker's port is one round trip (SYN, SYN-ACK);
 * - brokerCpu: the broker process's CPU time per message sent and received, when calibrate started
 *   the broker; for a running broker, a synchronous send's time less the round trip;
 * - fsync<Disk>: a persistent send (acknowledged after the journal write and its fsync) less a
 *   non-persistent synchronous send, on the same connection settings;
 * - marshalPerKiB: over tcp:// a message is marshalled and unmarshalled on each of its two hops,
 *   so send-to-receive time grows by 4 x marshalPerKiB per KiB: the slope of a least-squares line
 *   over the sizes, divided by 4 (loopback copies are in it, as LAN transfer time would be);
 * - vmHop: send-to-receive through an embedded broker is two hand-offs and the broker's work.
 */
import type { DiskKind } from '../topology/types.js';
import { formatDurationNs, readableDurationUs } from '../topology/units.js';
import type { Calibration, CalibrationSample } from './calibrate.js';

export interface MeasuredCost {
  /** A key of the topology's `costs` (one table: schemas/topology.schema.json $defs/costs). */
  key: string;
  /** Per-KiB costs are written in nanoseconds, the others in whole microseconds. */
  unit: 'ns' | 'us';
  /** The value of each repetition, in nanoseconds. */
  perRep: number[];
  measuredBy: string;
}

const FSYNC_KEY: Record<DiskKind, string> = { ssd: 'fsyncSsd', hdd: 'fsyncHdd', nfs: 'fsyncNfs' };

export function deriveCosts(c: Calibration, disk: DiskKind): MeasuredCost[] {
  const reps = Array.from({ length: c.plan.reps }, (_, rep) => rep);
  const of = (what: CalibrationSample['what'], rep: number, size = 0): number => {
    const s = c.samples.find((x) => x.what === what && x.rep === rep && x.size === size);
    if (!s)
      throw new Error(
        `calibration: no ${what} figure for repetition ${rep}${size ? ` at ${size} bytes` : ''}`,
      );
    return s.ns;
  };
  const ops = `median of ${c.plan.count} after ${c.plan.warmup} warm-up, per repetition`;
  const roundTrip = reps.map((r) => of('connect', r));
  const brokerCpu = reps.map((r) =>
    c.started ? of('brokerCpu', r) : Math.max(0, of('syncSend', r) - of('connect', r)),
  );
  const fsync = reps.map((r) => Math.max(0, of('persistentSend', r) - of('syncSend', r)));
  const marshal = reps.map((r) =>
    Math.max(0, slope(c.plan.sizes.map((size) => [size / 1024, of('tcpLatency', r, size)])) / 4),
  );
  const vmHop = reps.map((r, i) => Math.max(0, (of('vmLatency', r) - brokerCpu[i]!) / 2));
  return [
    {
      key: 'lanRoundTrip',
      unit: 'us',
      perRep: roundTrip,
      measuredBy: `TCP connect to the broker's port (SYN, SYN-ACK: one round trip), ${ops}`,
    },
    {
      key: 'brokerCpu',
      unit: 'us',
      perRep: brokerCpu,
      measuredBy: c.started
        ? `the broker process's CPU time (user + system) over a burst of ${c.plan.cpuCount} non-persistent 64 B messages sent, then received, per message`
        : `a non-persistent synchronous send (jms.alwaysSyncSend) less the TCP round trip, ${ops} (the broker's CPU time is not readable from here)`,
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
      key: 'vmHop',
      unit: 'us',
      perRep: vmHop,
      measuredBy: `half of a non-persistent 64 B send-to-receive through a broker embedded in the client's JVM over vm://, less brokerCpu, ${ops}`,
    },
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
export function costsDocument(c: Calibration, costs: readonly MeasuredCost[]): Record<string, unknown> {
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
# \`measured\` says, per value, its spread over the repetitions and how it was measured.
# Keys not here keep the topology's value, or the default of src/model/defaults.ts.
`;
