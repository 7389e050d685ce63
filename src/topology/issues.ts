/**
 * Problems found in a topology file. Checks inside the loader speak in document paths
 * (`['applications', 0, 'replicas']`); the loader turns paths into file:line:column.
 */

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
  const where = `${error.file}:${error.line}:${error.column}`;
  return error.hint ? `${where}: ${error.message}\n  hint: ${error.hint}` : `${where}: ${error.message}`;
}

/** `applications[0].replicas`: a path as a person reads it. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? 'the document' : out;
}
