/**
 * Files with thousands of keys: the loader's work per key stays constant (no lookup that scans a
 * whole mapping per error), repeated errors are capped when printed, and text no topology has
 * is refused before the parser spends seconds on it. Speed itself is measured in bench/validate.bench.ts.
 */

import { describe, expect, it } from 'vitest';
import { isMap } from 'yaml';
import { formatLoadErrors, type LoadError, type PathIssue } from '../../../src/topology/issues.js';
import { loadTopologyText, locateIssues } from '../../../src/topology/load.js';
import { parseSource } from '../../../src/topology/source.js';

const HEAD = 'name: x\nlayout: embedded\ndestinations:\n  - name: orders\napplications:\n  - id: orders\n';

function unknownKeys(n: number): string {
  return Array.from({ length: n }, (_, i) => `unknownKey${i}: ${i}\n`).join('');
}

describe('a topology with thousands of unknown keys', () => {
  it('finds the position of each error with a constant number of reads of its mapping', () => {
    const n = 2000;
    const parsed = parseSource(`${HEAD}${unknownKeys(n)}`, 't.yaml');
    if (!parsed.ok) throw new Error('the text did not parse');
    const map = parsed.source.doc.contents;
    if (!isMap(map)) throw new Error('not a mapping');
    let reads = 0;
    map.items = new Proxy(map.items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const issues: PathIssue[] = Array.from({ length: n }, (_, i) => ({
      path: [`unknownKey${i}`],
      atKey: true,
      message: 'unknown key',
    }));
    const located = locateIssues(parsed.source, issues);
    expect(located.errors).toHaveLength(n);
    expect(located.errors[n - 1]).toMatchObject({ line: 6 + n, column: 1 });
    // One index of the mapping's pairs, not one scan per error (which would be about n * n / 2).
    expect(reads).toBeLessThan(4 * (n + 10));
  });

  it('reports every unknown key, in file order', () => {
    const result = loadTopologyText(`${HEAD}${unknownKeys(3000)}`, 't.yaml');
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(3000);
    expect(errors[2999]).toMatchObject({
      line: 3006,
      column: 1,
      message: 'unknown key `unknownKey2999` in the document',
    });
  });

  it('still finds a duplicate key, in YAML and in JSON', () => {
    const yaml = loadTopologyText(`${HEAD}name: y\n`, 't.yaml');
    expect(yaml.ok ? undefined : yaml.errors[0]).toMatchObject({
      line: 7,
      column: 1,
      message: expect.stringContaining('duplicate key'),
    });
    const json = loadTopologyText('{"name": "x", "layout": "central",\n "name": "y"}', 't.json');
    expect(json.ok ? undefined : json.errors[0]).toMatchObject({
      line: 2,
      column: 2,
      message: expect.stringContaining('duplicate key'),
    });
  });

  it('refuses more lines and list items than any topology has, before parsing them', () => {
    const lines = `${HEAD}${'# a comment\n'.repeat(100_000)}`;
    expect(loadTopologyText(lines, 't.yaml')).toMatchObject({
      ok: false,
      errors: [
        { line: 100_001, column: 1, message: 'the document has more than 100,000 lines and list items' },
      ],
    });
    const flow = `[${'1,'.repeat(100_000)}1]`;
    expect(loadTopologyText(flow, 't.json')).toMatchObject({
      ok: false,
      errors: [{ line: 1, column: 200_001, message: expect.stringContaining('more than 100,000') }],
    });
  });
});

describe('a topology with more processes than any command can plan', () => {
  it('is refused at load, with the total', () => {
    const apps = Array.from({ length: 3 }, (_, i) => `  - id: app${i}\n    replicas: 50000\n`).join('');
    const text = `name: x\nlayout: embedded\ndestinations:\n  - name: orders\napplications:\n${apps}`;
    expect(loadTopologyText(text, 't.yaml')).toMatchObject({
      ok: false,
      errors: [
        {
          line: 6,
          column: 3,
          message: 'the applications have 150,000 processes in all; brokerlab plans at most 100,000',
        },
      ],
    });
  });
});

describe('formatLoadErrors', () => {
  const errors: LoadError[] = Array.from({ length: 10_000 }, (_, i) => ({
    file: 't.yaml',
    line: i + 1,
    column: 1,
    message: `unknown key \`k${i}\` in the document`,
    hint: 'allowed keys: name, layout',
  }));

  it('prints the first 20 errors in full and counts the rest in one line', () => {
    const lines = formatLoadErrors(errors).trimEnd().split('\n');
    expect(lines).toHaveLength(41);
    expect(lines[0]).toBe('t.yaml:1:1: unknown key `k0` in the document');
    expect(lines[40]).toBe('t.yaml: ... and 9,980 more errors');
  });

  it('prints a short list whole, and says "1 more error" in the singular', () => {
    expect(formatLoadErrors(errors.slice(0, 3)).split('\n')).toHaveLength(7);
    expect(formatLoadErrors(errors.slice(0, 21))).toMatch(/t\.yaml: \.\.\. and 1 more error\n$/);
  });
});
