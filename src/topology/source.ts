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
import type { DocPath, LoadError } from './issues.js';
import { findJsonSyntaxError } from './jsonSyntax.js';

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
/**
 * Brackets or indentation deeper than this are no topology (a topology nests about 6 levels). The
 * YAML parser recurses per level: a few hundred levels overflow its stack, and after such an
 * overflow V8 may abort the whole process on the next parse, so deep text is refused up front.
 */
const MAX_NESTING = 100;

export function parseSource(text: string, file: string): SourceResult {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: string, hint?: string): LoadError => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message, ...(hint ? { hint } : {}) };
  };
  if (text.length > MAX_TEXT_BYTES) {
    return {
      ok: false,
      errors: [{ file, line: 1, column: 1, message: 'the file is over 10 MiB; a topology is a few KiB' }],
    };
  }
  const deep = findDeepNesting(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep); // the line counter fills in as the parser runs: not yet
    const line = before.split('\n').length;
    const column = deep - before.lastIndexOf('\n');
    const message = `the document is nested too deeply (more than ${MAX_NESTING} levels)`;
    return { ok: false, errors: [{ file, line, column, message }] };
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (file.toLowerCase().endsWith('.json')) {
    const jsonError = findJsonSyntaxError(text);
    if (jsonError)
      return { ok: false, errors: [at(jsonError.offset, `JSON syntax error: ${jsonError.message}`)] };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) =>
        at(skipIndent(text, e.pos[0]), yamlMessage(e.code, e.message), yamlHint(e.code)),
      ),
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
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const name = path[path.length - 1];
      // String(): a key such as `1:` or `true:` is not a string in YAML, but ajv names it as one.
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(name));
      if (pair && isNode(pair.key)) return pair.key.range?.[0];
    }
  }
  const node = doc.getIn(path, true);
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

/** Flow brackets or block indentation deeper than MAX_NESTING: the offset where it happens. */
function findDeepNesting(text: string): number | undefined {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      // Indentation and `- ` indicators each open a block level.
      if (ch === ' ' || ch === '-') {
        if (++indent > 2 * MAX_NESTING) return i;
        continue;
      }
      lineStart = false;
    }
    if (quote !== '') {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++; // a comment
    } else if (ch === '[' || ch === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if (ch === ']' || ch === '}') depth--;
  }
  return undefined;
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
