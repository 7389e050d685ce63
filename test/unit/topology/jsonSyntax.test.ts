import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../src/topology/jsonSyntax.js';

/** The offset of the `nth` occurrence (from 1) of `needle` in `text`. */
function offsetOf(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` is not in the text ${nth} times`);
  }
  return at;
}

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON, including escapes, numbers and nesting', () => {
    const text = '{\n  "name": "a \\"b\\" \\u00e9\\n",\n  "n": [-1.5e3, 0, true, false, null, {}, []]\n}\n';
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it('points at a trailing comma in an object, not at the brace after it', () => {
    const text = '{\n  "id": "orders",\n  "replicas": 10,\n}\n';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: offsetOf(text, '10,') + 2,
      message: 'trailing comma before `}` (JSON allows none)',
    });
  });

  it('points at a trailing comma in a list', () => {
    const text = '{"destinations": [{"name": "a"}, ]}';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: offsetOf(text, '}, ') + 1,
      message: 'trailing comma before `]` (JSON allows none)',
    });
  });

  it.each([
    ['a line comment', '{\n  // orders\n  "name": "x"\n}', '//'],
    ['a block comment', '{\n  "name": /* why */ "x"\n}', '/*'],
  ])('names %s as a comment, at its first character', (_, text, start) => {
    const error = findJsonSyntaxError(text);
    expect(error?.offset).toBe(offsetOf(text, start));
    expect(error?.message).toMatch(/comment \(JSON allows none\)$/);
  });

  it('points at a bare word where a value should be', () => {
    const text = '{"layout": embedded}';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: offsetOf(text, 'embedded'),
      message: 'expected a value (string, number, object, array, true, false or null) but found `e`',
    });
  });

  it('points at the opening quote of a string left open at the end of its line', () => {
    const text = '{\n  "name": "orders,\n  "layout": "embedded"\n}\n';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: offsetOf(text, '"orders'),
      message: 'string not closed before the end of the line',
    });
  });

  it('points at the opening quote of a string left open at the end of the file', () => {
    const text = '{"name": "orders';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: offsetOf(text, '"orders'),
      message: 'string not closed before the end of the file',
    });
  });

  it('points at the next key when a comma is missing', () => {
    const text = '{\n  "name": "x"\n  "layout": "central"\n}';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: offsetOf(text, '"layout"'),
      message: 'expected `,` or `}` but found `"`',
    });
  });

  it('points at an unquoted key', () => {
    const text = '{"applications": [{id: "orders"}]}';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: offsetOf(text, 'id:'),
      message: 'expected a "quoted" key but found `i`',
    });
  });

  it('points at text after the end of the document', () => {
    const text = '{"name": "x"}\n}';
    expect(findJsonSyntaxError(text)).toEqual({
      offset: text.length - 1,
      message: 'unexpected `}` after the end of the document',
    });
  });

  it('points at a bad escape and at a raw control character', () => {
    const badEscape = '{"name": "a\\qb"}';
    expect(findJsonSyntaxError(badEscape)).toEqual({
      offset: offsetOf(badEscape, 'q'),
      message: 'bad escape in a string',
    });
    const tab = '{"name": "a\tb"}';
    expect(findJsonSyntaxError(tab)).toEqual({
      offset: offsetOf(tab, '\t'),
      message: 'unescaped control character in a string',
    });
  });

  it('reports an empty text at offset 0', () => {
    expect(findJsonSyntaxError('')).toEqual({
      offset: 0,
      message:
        'expected a value (string, number, object, array, true, false or null) but found the end of the file',
    });
  });

  it('reports deep nesting as an error inside the brackets instead of overflowing the stack', () => {
    const prefix = '{"description": ';
    const depth = 200_000;
    const text = `${prefix}${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const error = findJsonSyntaxError(text);
    expect(error?.message).toBe('the JSON is nested too deeply');
    expect(error?.offset).toBeGreaterThan(prefix.length);
    expect(error?.offset).toBeLessThanOrEqual(prefix.length + depth);
    expect(findJsonSyntaxError('{"still": "works"}')).toBeUndefined();
  });
});
