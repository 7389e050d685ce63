/** Where the CLI reads and writes: the process's streams in real use, buffers in tests. */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { quote } from '../text/quote.js';
import { formatLoadErrors } from '../topology/issues.js';
import { type CostsTable, loadCostsFile, loadTopologyFile } from '../topology/load.js';
import type { Topology } from '../topology/types.js';
import { UsageError } from './options.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Progress bars only go to an interactive terminal. */
  stderrIsTTY: boolean;
}

export const EXIT_OK = 0;
/** A guarantee or check failed. */
export const EXIT_FAILED = 1;
/** Bad input or usage. */
export const EXIT_BAD_INPUT = 2;
/** A bug in brokerlab itself. */
export const EXIT_INTERNAL = 3;

export function processIo(): CliIo {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** `--costs FILE`, which every command that reads topologies takes. */
export interface CostsOption {
  costs?: string;
}

export const COSTS_HELP =
  "a costs file (schemas/costs.schema.json, e.g. from `brokerlab calibrate`); its values win over the topology's costs";

/**
 * Loads every file, with the costs file given on the command line if any, printing each error
 * with its location; undefined when any failed.
 */
export async function loadAll(
  files: readonly string[],
  io: CliIo,
  costsFile?: string,
): Promise<{ file: string; topology: Topology }[] | undefined> {
  let costs: CostsTable | undefined;
  if (costsFile !== undefined) {
    const read = await loadCostsFile(costsFile);
    if (!read.ok) {
      io.err(formatLoadErrors(read.errors));
      return undefined;
    }
    costs = read.costs;
  }
  const loaded: { file: string; topology: Topology }[] = [];
  let failed = false;
  for (const file of files) {
    const result = await loadTopologyFile(file, costs);
    if (result.ok) loaded.push({ file, topology: result.topology });
    else {
      failed = true;
      io.err(formatLoadErrors(result.errors));
    }
  }
  return failed ? undefined : loaded;
}

/**
 * Checks, before any work, that `path` (given with `option`) can be written as a file, so that a
 * long run does not end in "cannot write". Creates nothing: a missing directory is an error.
 */
export async function checkOutputFile(option: string, path: string): Promise<void> {
  const what = `${option} ${quote(path)}`;
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory())
    throw new UsageError(
      `${what} is a directory; name a file in it, such as ${quote(`${path.replace(/\/+$/, '')}/report.html`)}`,
    );
  const directory = dirname(path);
  const parent = await stat(directory).catch(() => undefined);
  if (!parent)
    throw new UsageError(`${what}: the directory ${quote(directory)} does not exist; create it first`);
  if (!parent.isDirectory())
    throw new UsageError(`${what}: cannot write in ${quote(directory)}, which is not a directory`);
  const writable = await access(directory, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!writable) throw new UsageError(`${what}: cannot write in ${quote(directory)} (permission denied)`);
}

/** Writes through a temporary file and a rename, so that a failed run never leaves half a file over a good one. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A reader that stops early (`brokerlab plan --json | head -c 50`) closes the pipe, and the next
 * write fails with EPIPE. The reader has what it wanted, so brokerlab stops there with exit 0
 * rather than a stack trace: a pipeline under `set -o pipefail` does not fail because `head`
 * was satisfied (README: exit codes).
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
}
