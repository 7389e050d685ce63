/**
 * A dotted path to one numeric setting in a topology file: `cluster.brokers`,
 * `applications.orders.replicas` or `applications[0].replicas`, `faults.random[0].mtbf` or
 * `faults.random.process-crash.mtbf`. An array is indexed by position, or by the `id`, `name`
 * or `kind` of an element. Paths address the file format (what serializeTopology writes), so a
 * sweep point is written, and validated, exactly as a user would write it.
 */

import { quote } from '../text/quote.js';
import { didYouMean } from '../topology/didYouMean.js';

export type PathSegment = string | number;

export type PathResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** `applications[0].replicas` -> ['applications', 0, 'replicas']. */
export function parsePath(text: string): PathResult<PathSegment[]> {
  const segments: PathSegment[] = [];
  for (const part of text.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === ''))
      return {
        ok: false,
        message: `${quote(text)} is not a path such as applications.orders.replicas or cluster.brokers`,
      };
    if (m[1] !== '') segments.push(/^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return { ok: true, value: segments };
}

type Doc = Record<string, unknown> | unknown[];

/**
 * Where a path leads in a document: the container and key of the value, resolving names in
 * arrays to indexes. Errors say what the path could have named instead.
 */
export function locate(
  doc: unknown,
  path: readonly PathSegment[],
): PathResult<{ parent: Doc; key: string | number }> {
  let node: unknown = doc;
  const walked: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const here = walked.length === 0 ? 'the topology' : quote(walked.join('.'));
    let key: string | number;
    if (Array.isArray(node)) {
      const index = typeof segment === 'number' ? segment : node.findIndex((e) => elementName(e) === segment);
      if (index < 0 || index >= node.length) {
        const names = node.map(elementName).filter((n): n is string => n !== undefined);
        const guess = typeof segment === 'string' ? didYouMean(segment, names) : undefined;
        return {
          ok: false,
          message: `${here} has no element ${quote(String(segment))}: it has ${node.length === 0 ? 'none' : `${node.length} (${names.length > 0 ? names.join(', ') : `0..${node.length - 1}`})`}${guess ? `; did you mean \`${guess}\`?` : ''}`,
        };
      }
      key = index;
    } else if (node !== null && typeof node === 'object') {
      const fields = Object.keys(node);
      if (typeof segment !== 'string' || !fields.includes(segment)) {
        const guess = didYouMean(String(segment), fields);
        return {
          ok: false,
          message: `${here} has no field ${quote(String(segment))}${guess ? `; did you mean \`${guess}\`?` : `; it has ${fields.join(', ')}`}`,
        };
      }
      key = segment;
    } else {
      return { ok: false, message: `${here} is a value, not a section: nothing is inside it` };
    }
    if (i === path.length - 1) return { ok: true, value: { parent: node as Doc, key } };
    walked.push(String(segment));
    node = (node as Record<string | number, unknown>)[key];
  }
  return { ok: false, message: 'an empty path names nothing' };
}

export function readAt(parent: Doc, key: string | number): unknown {
  return (parent as Record<string | number, unknown>)[key];
}

export function writeAt(parent: Doc, key: string | number, value: unknown): void {
  (parent as Record<string | number, unknown>)[key] = value;
}

/** @internal How an array element is named in a path: its id, name or (for a fault) kind. */
function elementName(e: unknown): string | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const o = e as Record<string, unknown>;
  for (const k of ['id', 'name', 'kind']) if (typeof o[k] === 'string') return o[k];
  return undefined;
}
