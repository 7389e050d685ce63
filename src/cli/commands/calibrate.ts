/**
 * `brokerlab calibrate --out costs.yaml`: measure this machine's ActiveMQ and disk (a broker
 * started from the installation on a loopback port, or a running one given by `--broker`) and
 * write the cost model's values as a costs file that topologies and every command accept.
 */
import { stringify } from 'yaml';
import { calibrate, DEFAULT_PLAN, QUICK_PLAN } from '../../real/calibrate.js';
import { COSTS_FILE_HEADER, costsDocument, deriveCosts } from '../../real/calibration.js';
import { findInstallation, INSTALL_HINT } from '../../real/installation.js';
import { accepts } from '../../real/ports.js';
import { quote } from '../../text/quote.js';
import { loadCostsText } from '../../topology/load.js';
import type { DiskKind } from '../../topology/types.js';
import { type CliIo, checkOutputFile, EXIT_OK, jsonText, writeFileAtomic } from '../io.js';
import { UsageError } from '../options.js';

const DISK_KINDS: readonly DiskKind[] = ['ssd', 'hdd', 'nfs'];
const BROKER_CONNECT_MS = 5_000;

export interface CalibrateCommandOptions {
  out: string;
  broker?: string;
  disk?: string;
  quick?: boolean;
  json?: boolean;
}

export async function calibrateCommand(options: CalibrateCommandOptions, io: CliIo): Promise<number> {
  const disk = (options.disk ?? 'ssd') as DiskKind;
  if (!DISK_KINDS.includes(disk))
    throw new UsageError(`--disk ${quote(options.disk!)} is not one of ${DISK_KINDS.join(', ')}`);
  await checkOutputFile('--out', options.out);
  if (options.broker !== undefined) await checkBroker(options.broker);
  const found = findInstallation();
  if (!found.ok) throw new UsageError(`calibrate needs ${found.missing}; ${INSTALL_HINT}`);
  const run = await calibrate(
    found.installation,
    options.quick ? QUICK_PLAN : DEFAULT_PLAN,
    options.broker,
    (line) => io.err(`calibrate: ${line}\n`),
  );
  const measured = deriveCosts(run, disk);
  const document = costsDocument(run, measured, disk);
  const text = `${COSTS_FILE_HEADER}${stringify(document, { lineWidth: 0 })}`;
  // What calibrate writes, the loader must accept: checked before it replaces anything.
  const check = loadCostsText(text, options.out);
  if (!check.ok)
    throw new Error(`calibrate wrote a costs file the loader rejects: ${check.errors[0]!.message}`);
  await writeFileAtomic(options.out, text);
  io.out(options.json ? jsonText(document) : summary(options.out, document));
  return EXIT_OK;
}

/** `--broker tcp://host:port`, and something listening there, before anything starts. */
async function checkBroker(url: string): Promise<void> {
  const address = /^tcp:\/\/([^:/?]+):(\d{1,5})$/.exec(url);
  if (!address)
    throw new UsageError(
      `--broker ${quote(url)} is not a broker's OpenWire address; give it as tcp://host:port, e.g. tcp://127.0.0.1:61616`,
    );
  if (!(await accepts(Number(address[2]), BROKER_CONNECT_MS, address[1])))
    throw new UsageError(
      `--broker ${quote(url)}: nothing accepts connections there within ${BROKER_CONNECT_MS / 1000} s; is the broker running, and its OpenWire connector on that address?`,
    );
}

function summary(out: string, document: Record<string, unknown>): string {
  const measured = document.measured as Record<string, { min: string; median: string; max: string }>;
  const paths = document.paths as { path: string; measured: string; simulated: string }[];
  const machine = document.machine as {
    broker: string;
    loadAverage: number[];
    cpus: number;
    seconds: number;
  };
  return [
    `measured ${machine.broker}`,
    `in ${machine.seconds} s on ${machine.cpus} CPUs, load average ${machine.loadAverage.join(' ')}`,
    '',
    ...table([
      ['cost', 'value', 'min', 'max'],
      ...Object.entries(measured).map(([key, m]) => [key, m.median, m.min, m.max]),
    ]),
    '',
    ...table([
      ['figure (median)', 'measured', 'simulated with these costs'],
      ...paths.map((p) => [p.path, p.measured, p.simulated]),
    ]),
    '',
    `wrote ${out}; use it with \`--costs ${out}\` or \`costs: ./${out.split('/').pop()}\` in a topology beside it`,
    '',
  ].join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}
