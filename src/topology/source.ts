/**
 * Text -> a YAML document (JSON is parsed by the same parser, after a strict JSON check) and
 * its plain value, keeping the positions that errors point at.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
} from 'yaml';
import { printable } from '../text/quote.js';
import type { DocPath, LoadError } from './issues.js';
import { findJsonSyntaxError } from './jsonSyntax.js';
import { duplicateKeyOffsets, nodeAt, pairAt } from './nodeIndex.js';
import { findShapeProblem } from './textShape.js';

export interface ParsedSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  value: unknown;
}

export type SourceResult = { ok: true; source: ParsedSource } | { ok: false; errors: LoadError[] };

/** Alias expansions allowed before a document counts as an alias bomb. */
const MAX_ALIAS_COUNT = 100;
const MAX_TEXT_BYTES = 10 * 1024 * 1024;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function parseSource(text: string, file: string): SourceResult {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: string, hint?: string): LoadError => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message: printable(message), ...(hint ? { hint } : {}) };
  };
  if (text.length > MAX_TEXT_BYTES) {
    return {
      ok: false,
      errors: [{ file, line: 1, column: 1, message: 'the file is over 10 MiB; a topology is a few KiB' }],
    };
  }
  const shape = findShapeProblem(text);
  if (shape !== undefined) {
    const before = text.slice(0, shape.offset); // the line counter fills in as the parser runs: not yet
    const line = before.split('\n').length;
    const column = shape.offset - before.lastIndexOf('\n');
    const hint = shape.hint ? { hint: shape.hint } : {};
    return { ok: false, errors: [{ file, line, column, message: shape.message, ...hint }] };
  }
  // uniqueKeys: false, because yaml's check is quadratic in a mapping's keys; duplicateKeyOffsets does it.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  if (file.toLowerCase().endsWith('.json')) {
    const jsonError = findJsonSyntaxError(text);
    if (jsonError)
      return { ok: false, errors: [at(jsonError.offset, `JSON syntax error: ${jsonError.message}`)] };
  }
  const syntaxErrors = doc.errors.map((e) => ({
    offset: skipIndent(text, e.pos[0]),
    code: e.code,
    message: e.message,
  }));
  for (const offset of duplicateKeyOffsets(doc))
    syntaxErrors.push({ offset, code: 'DUPLICATE_KEY', message: '' });
  if (syntaxErrors.length > 0) {
    syntaxErrors.sort((a, b) => a.offset - b.offset);
    return {
      ok: false,
      errors: syntaxErrors.map((e) => at(e.offset, yamlMessage(e.code, e.message), yamlHint(e.code))),
    };
  }
  const reserved = findReservedKey(doc);
  if (reserved) {
    return {
      ok: false,
      errors: [
        at(
          reserved.offset,
          `the key \`${reserved.key}\` is not allowed`,
          'remove it: it is reserved in JavaScript and no topology field has that name',
        ),
      ],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (/alias count/i.test(why)) {
      // Point at the first alias that expands aliases (where the growth compounds), not at an innocent one.
      const offset = aliasOffset(doc, (alias) => containsAlias(alias.resolve(doc)));
      return {
        ok: false,
        errors: [
          at(
            offset,
            'too many alias expansions (an alias bomb?)',
            `aliases may expand at most ${MAX_ALIAS_COUNT} nodes; write the values out`,
          ),
        ],
      };
    }
    const offset = aliasOffset(doc, (alias) => alias.resolve(doc) === undefined);
    return {
      ok: false,
      errors: [
        at(
          offset,
          `cannot resolve the document: ${why.split('\n')[0]}`,
          'check the anchors (&name) and aliases (*name)',
        ),
      ],
    };
  }
  if (value === null || value === undefined) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          column: 1,
          message: 'the file is empty',
          hint: 'a topology needs at least name, layout, destinations and applications',
        },
      ],
    };
  }
  return { ok: true, source: { file, doc, lineCounter, value } };
}

/** The 1-based line and column of the node at `path`, or of its nearest existing ancestor. */
export function positionOf(
  source: ParsedSource,
  path: DocPath,
  atKey = false,
): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const offset = offsetAt(source.doc, path.slice(0, depth), atKey && depth === path.length);
    if (offset !== undefined) {
      const pos = source.lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

function offsetAt(doc: Document.Parsed, path: DocPath, atKey: boolean): number | undefined {
  if (path.length === 0) return doc.contents?.range?.[0];
  if (atKey) {
    const parent = nodeAt(doc, path.slice(0, -1));
    const pair = isMap(parent) ? pairAt(parent, path[path.length - 1]!) : undefined;
    if (pair && isNode(pair.key)) return pair.key.range?.[0];
  }
  const node = nodeAt(doc, path);
  return isNode(node) ? node.range?.[0] : undefined;
}

function findReservedKey(doc: Document.Parsed): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && RESERVED_KEYS.has(String(pair.key.value))) {
        found = { key: String(pair.key.value), offset: pair.key.range?.[0] ?? 0 };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The offset of the first alias that `pick` accepts, else of the first alias. */
function aliasOffset(doc: Document.Parsed, pick: (alias: Alias) => boolean): number {
  let first: number | undefined;
  let picked: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (!isAlias(node)) return undefined;
      first ??= node.range?.[0];
      if (!pick(node)) return undefined;
      picked = node.range?.[0];
      return visit.BREAK;
    },
  });
  return picked ?? first ?? 0;
}

function containsAlias(node: ReturnType<Alias['resolve']>): boolean {
  let found = false;
  visit(node ?? null, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** YAML reports some errors at the start of a line's indentation; point at its first token instead. */
function skipIndent(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ') i++;
  return text[i] === '\n' || i >= text.length ? offset : i;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  if (code === 'DUPLICATE_KEY') return 'duplicate key: this key already appears in the same mapping';
  return `YAML syntax error: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'keep one of the two entries';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and the closing brackets';
    default:
      return undefined;
  }
}
