/**
 * Problems found in a topology file. Checks inside the loader speak in document paths
 * (`['applications', 0, 'replicas']`); the loader turns paths into file:line:column.
 */
import { plural } from '../text/plural.js';
import { printable } from '../text/quote.js';

export type DocPath = readonly (string | number)[];

/** A problem at a place in the document, before it has a line and column. */
export interface PathIssue {
  path: DocPath;
  /** Point at the key itself (an unknown key) rather than at its value. */
  atKey?: boolean;
  message: string;
  /** How to fix it, when there is something useful to say. */
  hint?: string;
}

/** A problem with a file position, as the user sees it. */
export interface LoadError {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/** `topologies/a.yaml:12:5: message (hint)`: the one place load errors become text. */
export function formatLoadError(error: LoadError): string {
  const where = `${printable(error.file)}:${error.line}:${error.column}`;
  return error.hint ? `${where}: ${error.message}\n  hint: ${error.hint}` : `${where}: ${error.message}`;
}

/**
 * Errors shown per file: a file with 10,000 unknown keys is no clearer with every one printed
 * (twice: the error and its hint), so past this many the rest is counted in one line.
 */
export const MAX_ERRORS_SHOWN = 20;

/** Every error of one file as text, the first `limit` in full and then how many more there are. */
export function formatLoadErrors(errors: readonly LoadError[], limit = MAX_ERRORS_SHOWN): string {
  const shown = errors.slice(0, limit).map((e) => `${formatLoadError(e)}\n`);
  const more = errors.length - shown.length;
  if (more > 0) shown.push(`${printable(errors[0]!.file)}: ... and ${plural(more, 'more error')}\n`);
  return shown.join('');
}

/** `applications[0].replicas`: a path as a person reads it. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? printable(part) : `.${printable(part)}`;
  }
  return out === '' ? 'the document' : out;
}
