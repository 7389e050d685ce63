/**
 * YAML or JSON text -> a validated, defaulted Topology, or every problem found with its file,
 * line and column; and the costs files a topology or the command line adds (one format, one
 * cost table: schemas/costs.schema.json uses the topology's `costs`).
 *
 * Costs, key by key, lowest to highest precedence: the model's defaults (src/model/defaults.ts),
 * the topology's own `costs` (inline, or the costs file it names), then `--costs FILE`. The
 * command line wins because its point is to run any topology on one machine's measurements;
 * keys the file does not hold keep the topology's values.
 *
 * `loadTopologyFile` and `loadCostsFile` are the functions here that touch the file system.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { quote } from '../text/quote.js';
import { didYouMean } from './didYouMean.js';
import type { LoadError, PathIssue } from './issues.js';
import { normalizeCosts, normalizeTopology } from './normalize.js';
import { checkReferences } from './references.js';
import { costKeys, costsValidator } from './schema.js';
import { type ParsedSource, parseSource, positionOf } from './source.js';
import type { Topology } from './types.js';
import { validateAgainstSchema } from './validate.js';

export type LoadResult = { ok: true; topology: Topology } | { ok: false; errors: LoadError[] };

/** A costs table as written (`fsyncSsd: 1.2ms`), already checked. */
export type CostsTable = Readonly<Record<string, unknown>>;

export type CostsResult = { ok: true; costs: CostsTable } | { ok: false; errors: LoadError[] };

export type ReadOutcome = { ok: true; text: string } | { ok: false; why: string };

export interface LoadOptions {
  /** Reads the costs file a topology names (`costs: ./costs.yaml`); without it such a topology is an error. */
  readCostsFile?: (named: string) => ReadOutcome & { file: string };
  /** Costs from the command line (`--costs FILE`, loaded with loadCostsFile): they win over the topology's. */
  costs?: CostsTable;
}

export function loadTopologyText(text: string, file = '<input>', options: LoadOptions = {}): LoadResult {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  const schemaIssues = validateAgainstSchema(source.value);
  if (schemaIssues.length > 0) return locateIssues(source, schemaIssues);
  const raw = source.value as Record<string, unknown>;
  let own: CostsTable = (raw.costs as CostsTable | undefined) ?? {};
  if (typeof raw.costs === 'string') {
    const named = namedCosts(raw.costs, options);
    if (!named.ok) return 'errors' in named ? named : locateIssues(source, [named.issue]);
    own = named.costs;
  }
  const { topology, issues } = normalizeTopology({ ...raw, costs: { ...own, ...options.costs } });
  if (issues.length > 0) return locateIssues(source, issues);
  const referenceIssues = checkReferences(topology);
  if (referenceIssues.length > 0) return locateIssues(source, referenceIssues);
  return { ok: true, topology };
}

function namedCosts(
  named: string,
  options: LoadOptions,
): { ok: true; costs: CostsTable } | { ok: false; errors: LoadError[] } | { ok: false; issue: PathIssue } {
  if (!options.readCostsFile)
    return {
      ok: false,
      issue: {
        path: ['costs'],
        message: `costs names the file ${quote(named)}, but this topology was not read from a file`,
        hint: 'write the costs inline, or load the topology with loadTopologyFile',
      },
    };
  const read = options.readCostsFile(named);
  if (!read.ok)
    return {
      ok: false,
      issue: {
        path: ['costs'],
        message: `costs names ${quote(named)}, which cannot be read (${quote(read.file)}: ${read.why})`,
        hint: 'the path is relative to the topology file; `brokerlab calibrate --out FILE` writes one',
      },
    };
  return loadCostsText(read.text, read.file);
}

/** A costs file's text -> its `costs` table, or every problem with its file, line and column. */
export function loadCostsText(text: string, file = '<costs>'): CostsResult {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  const schemaIssues = validateAgainstSchema(source.value, costsValidator());
  const value = source.value as { costs?: Record<string, unknown>; measured?: Record<string, unknown> };
  const keys = costKeys();
  // `measured` holds one entry per cost key: the same table, so an unknown key is a mistake.
  const measuredIssues = Object.keys(value?.measured ?? {})
    .filter((key) => !keys.includes(key))
    .map((key): PathIssue => {
      const guess = didYouMean(key, keys);
      return {
        path: ['measured', key],
        atKey: true,
        message: `unknown key ${quote(key)} in measured: it holds the keys of costs`,
        hint: guess ? `did you mean \`${guess}\`?` : `allowed keys: ${keys.join(', ')}`,
      };
    });
  if (schemaIssues.length + measuredIssues.length > 0)
    return locateIssues(source, [...schemaIssues, ...measuredIssues]);
  const { issues } = normalizeCosts(value.costs, ['costs']);
  if (issues.length > 0) return locateIssues(source, issues);
  return { ok: true, costs: value.costs! };
}

export async function loadTopologyFile(file: string, costs?: CostsTable): Promise<LoadResult> {
  const read = await readText(file);
  if (!read.ok)
    return {
      ok: false,
      errors: [{ file, line: 1, column: 1, message: `cannot read the topology: ${read.why}` }],
    };
  const readCostsFile = (named: string) => {
    const path = resolve(dirname(file), named);
    return { ...readTextSync(path), file: path };
  };
  return loadTopologyText(read.text, file, { readCostsFile, ...(costs ? { costs } : {}) });
}

export async function loadCostsFile(file: string): Promise<CostsResult> {
  const read = await readText(file);
  if (!read.ok)
    return {
      ok: false,
      errors: [{ file, line: 1, column: 1, message: `cannot read the costs file: ${read.why}` }],
    };
  return loadCostsText(read.text, file);
}

async function readText(file: string): Promise<ReadOutcome> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    return { ok: false, why: readFailure(error) };
  }
}

function readTextSync(file: string): ReadOutcome {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { ok: false, why: readFailure(error) };
  }
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'it is a directory'
      : code === 'EACCES'
        ? 'permission denied'
        : String((error as Error).message);
}

/** Issues with their file positions, in file order. */
export function locateIssues(source: ParsedSource, issues: PathIssue[]): { ok: false; errors: LoadError[] } {
  const errors = issues.map((issue): LoadError => {
    const { line, column } = positionOf(source, issue.path, issue.atKey);
    return {
      file: source.file,
      line,
      column,
      message: issue.message,
      ...(issue.hint ? { hint: issue.hint } : {}),
    };
  });
  // File order, except that a wrong layout comes first: it decides what the rest must hold.
  const rootCause = new Set(issues.flatMap((issue, i) => (issue.path[0] === 'layout' ? [errors[i]] : [])));
  errors.sort(
    (a, b) => Number(rootCause.has(b)) - Number(rootCause.has(a)) || a.line - b.line || a.column - b.column,
  );
  return { ok: false, errors };
}
