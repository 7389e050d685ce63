/**
 * Every file in test/fixtures/bad has exactly one mistake; expected.json says where a person
 * would want the cursor (line, column) and a phrase the message must contain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLoadError } from '../../../src/topology/issues.js';
import { type LoadResult, loadTopologyFile } from '../../../src/topology/load.js';

interface Expectation {
  line: number;
  column: number;
  /** Found in the first error's message, ignoring case. */
  message: string;
  /** Found in the first error's hint, ignoring case. */
  hint?: string;
}

const BAD = fileURLToPath(new URL('../../fixtures/bad/', import.meta.url));
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, Expectation>;
const files = readdirSync(BAD)
  .filter((f) => f !== 'expected.json')
  .sort();

/** Text that only a leaked exception would put in a message: a stack frame or a source location. */
const STACK_TRACE = /^\s*at\s|at Object\.|at async |\.(?:ts|js|mjs):\d+:\d+|node:internal/m;

describe('the bad corpus', () => {
  it('has at least 30 files, each with an expectation, and no expectation without a file', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => !(f in expected))).toEqual([]);
    expect(Object.keys(expected).filter((f) => !files.includes(f))).toEqual([]);
  });

  it('has both YAML and JSON files', () => {
    expect(files.filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => f.endsWith('.yaml')).length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(files)('%s', (file) => {
  const want = expected[file];

  it('is refused at the right line and column, with a message that names the mistake', async () => {
    const path = join(BAD, file);
    let result: LoadResult | undefined;
    let thrown: unknown;
    try {
      result = await loadTopologyFile(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'loading must return errors, never throw').toBeUndefined();
    expect(result?.ok).toBe(false);
    if (!want || !result || result.ok) return;
    const first = result.errors[0]!;
    expect({ file: first.file, line: first.line, column: first.column }).toEqual({
      file: path,
      line: want.line,
      column: want.column,
    });
    expect(first.message.toLowerCase()).toContain(want.message.toLowerCase());
    if (want.hint !== undefined) expect(first.hint?.toLowerCase()).toContain(want.hint.toLowerCase());
    expect(formatLoadError(first).startsWith(`${path}:${want.line}:${want.column}: `)).toBe(true);
    for (const error of result.errors) {
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toMatch(STACK_TRACE);
      expect(error.hint ?? '').not.toMatch(STACK_TRACE);
    }
  });
});
