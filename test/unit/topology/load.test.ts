import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTopologyFile, loadTopologyText } from '../../../src/topology/load.js';

const HEAD = 'name: x\nlayout: embedded\ndestinations:\n  - name: orders\napplications:\n  - id: orders\n';

/** The first error of a text that must fail to load, as `line:column message`. */
function firstError(text: string, file = 't.yaml'): string {
  const result = loadTopologyText(text, file);
  if (result.ok) throw new Error('the text loaded');
  const e = result.errors[0]!;
  return `${e.line}:${e.column} ${e.message}`;
}

describe('loadTopologyText', () => {
  it('loads a minimal topology', () => {
    const result = loadTopologyText(HEAD, 't.yaml');
    expect(result.ok && result.topology.applications[0]?.replicas).toBe(1);
  });

  it('refuses deep nesting before the YAML parser overflows its stack, every time', () => {
    // A stack overflow inside the parser can leave V8 unable to compile regular expressions,
    // aborting the process on the next parse: each of these loads must come back as an error.
    const flow = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const block = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    for (let round = 0; round < 3; round++) {
      expect(firstError(flow)).toBe('1:101 the document is nested too deeply (more than 100 levels)');
      expect(firstError(flow, 't.json')).toBe(
        '1:101 the document is nested too deeply (more than 100 levels)',
      );
      expect(firstError(block)).toBe('202:201 the document is nested too deeply (more than 100 levels)');
    }
  });

  it('ignores brackets inside quotes and comments when measuring nesting', () => {
    const text = `${HEAD}description: "${'['.repeat(500)}" # ${'{'.repeat(500)}\n`;
    expect(loadTopologyText(text, 't.yaml').ok).toBe(true);
  });

  it('points at the unresolved alias, not at an earlier valid one', () => {
    const text = `${HEAD}    producers: &p\n      - destination: orders\n  - id: audit\n    producers: *p\n    consumers: *c\n`;
    expect(firstError(text)).toMatch(/^11:16 cannot resolve the document: Unresolved alias/);
  });

  it('points an alias bomb at the alias that multiplies aliases, not at an innocent one', () => {
    const lol = (name: string, of: string) => `${name}: &${name} [${Array(10).fill(of).join(', ')}]\n`;
    const text = `${HEAD}    producers: [{destination: orders}]\n  - id: audit\n    producers: &p [{destination: orders}]\n  - id: b\n    producers: *p\n${lol('a', 'lol')}${lol('b', '*a')}${lol('c', '*b')}${lol('d', '*c')}`;
    expect(firstError(text)).toBe('14:8 too many alias expansions (an alias bomb?)');
  });

  it('points an unknown key that YAML reads as a number at the key', () => {
    expect(firstError(`${HEAD}1: one\n`)).toBe('7:1 unknown key `1` in the document');
  });

  it('reports a misspelt required key once, as unknown with a suggestion', () => {
    const result = loadTopologyText(HEAD.replace('destinations:', 'destination:'), 't.yaml');
    expect(result.ok ? [] : result.errors).toEqual([
      {
        file: 't.yaml',
        line: 3,
        column: 1,
        message: 'unknown key `destination` in the document',
        hint: 'did you mean `destinations`?',
      },
    ]);
  });

  it('points a YAML indentation error at the misplaced token, not at the start of its line', () => {
    const text = `${HEAD}    consumers:\n      - destination: orders\n       ackMode: auto\n`;
    expect(firstError(text)).toBe('9:8 YAML syntax error: sequence item without - indicator');
  });
});

describe('loadTopologyFile', () => {
  it('reports a missing file and a directory without throwing', async () => {
    const missing = await loadTopologyFile('no/such/topology.yaml');
    expect(missing).toEqual({
      ok: false,
      errors: [
        {
          file: 'no/such/topology.yaml',
          line: 1,
          column: 1,
          message: 'cannot read the topology: no such file',
        },
      ],
    });
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const directory = await loadTopologyFile(dir);
    expect(directory.ok ? '' : directory.errors[0]?.message).toBe(
      'cannot read the topology: it is a directory',
    );
  });
});
