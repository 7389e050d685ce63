/**
 * Finds the YAML node at a document path, and duplicate keys, in time linear in the document.
 * yaml's own `getIn` and `uniqueKeys` scan a mapping's pairs for every lookup, which is
 * quadratic in the number of keys when a file has thousands of them (one lookup per error).
 */
import { type Document, isMap, isScalar, isSeq, type Pair, visit, type YAMLMap } from 'yaml';
import type { DocPath } from './issues.js';

/** Each mapping's pairs by key text, built on first use. */
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The pair of `map` whose key reads as `key`. String(): ajv names `1:` or `true:` keys as strings. */
export function pairAt(map: YAMLMap, key: string | number): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const text = String(pair.key.value);
      if (!index.has(text)) index.set(text, pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(String(key));
}

/** The node at `path` (aliases are not followed), or undefined. */
export function nodeAt(doc: Document.Parsed, path: DocPath): unknown {
  let node: unknown = doc.contents;
  for (const part of path) {
    if (isMap(node)) node = pairAt(node, part)?.value;
    else if (isSeq(node) && typeof part === 'number') node = node.items[part];
    else return undefined;
  }
  return node;
}

/** The offset of every key that repeats an earlier key of the same mapping. */
export function duplicateKeyOffsets(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value: unknown = pair.key.value;
        // yaml's own rule: scalar keys are the same when their values are (`1` and `1.0`; not `1` and `"1"`).
        const key = `${typeof value}:${String(value)}`;
        if (seen.has(key)) offsets.push(pair.key.range?.[0] ?? 0);
        seen.add(key);
      }
      return undefined;
    },
  });
  return offsets;
}
