/**
 * YAML or JSON text -> a validated, defaulted Topology, or every problem found with its file,
 * line and column. `loadTopologyFile` is the one function here that touches the file system.
 */
import { readFile } from 'node:fs/promises';
import type { LoadError, PathIssue } from './issues.js';
import { normalizeTopology } from './normalize.js';
import { checkReferences } from './references.js';
import { type ParsedSource, parseSource, positionOf } from './source.js';
import type { Topology } from './types.js';
import { validateAgainstSchema } from './validate.js';

export type LoadResult = { ok: true; topology: Topology } | { ok: false; errors: LoadError[] };

export function loadTopologyText(text: string, file = '<input>'): LoadResult {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return parsed;
  const source = parsed.source;
  const schemaIssues = validateAgainstSchema(source.value);
  if (schemaIssues.length > 0) return locateIssues(source, schemaIssues);
  const { topology, issues } = normalizeTopology(source.value);
  if (issues.length > 0) return locateIssues(source, issues);
  const referenceIssues = checkReferences(topology);
  if (referenceIssues.length > 0) return locateIssues(source, referenceIssues);
  return { ok: true, topology };
}

export async function loadTopologyFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String((error as Error).message);
    return { ok: false, errors: [{ file, line: 1, column: 1, message: `cannot read the topology: ${why}` }] };
  }
  return loadTopologyText(text, file);
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
