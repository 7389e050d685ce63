/**
 * Finds the first syntax error in JSON text and its offset. JSON.parse on Node 20 often names no
 * position ("Unexpected token '}'"), and the YAML parser accepts what JSON forbids (trailing
 * commas, comments, bare words), so .json files get this strict check first.
 */
import { quote } from '../text/quote.js';

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string, offset = i): never => {
    throw { offset, message } satisfies JsonSyntaxError;
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = () => {
    if (i >= text.length) return 'the end of the file';
    if (text.startsWith('//', i) || text.startsWith('/*', i)) return 'a comment (JSON allows none)';
    return quote(text[i]!);
  };
  const expect = (ch: string, what: string) => {
    skipSpace();
    if (text[i] !== ch) fail(`expected ${what} but found ${describe()}`);
    i++;
  };
  const string = () => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      // Point at the string that is not closed, not at the end of its line.
      if (text[i] === '\n' || text[i] === '\r') fail('string not closed before the end of the line', start);
      if (c < 0x20) fail('unescaped control character in a string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape in a string');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail('bad escape in a string');
      }
      i++;
    }
    if (i >= text.length) fail('string not closed before the end of the file', start);
    i++;
  };
  const value = (): void => {
    skipSpace();
    const ch = text[i];
    if (ch === '{') object();
    else if (ch === '[') array();
    else if (ch === '"') string();
    else scalar();
  };
  const scalar = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(`expected a value (string, number, object, array, true, false or null) but found ${describe()}`);
  };
  const object = () => {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`expected a "quoted" key but found ${describe()}`);
      string();
      expect(':', '`:` after the key');
      value();
      skipSpace();
      if (text[i] === ',') {
        const comma = i++;
        skipSpace();
        if (text[i] === '}') fail('trailing comma before `}` (JSON allows none)', comma);
        continue;
      }
      expect('}', '`,` or `}`');
      return;
    }
  };
  const array = () => {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      if (text[i] === ',') {
        const comma = i++;
        skipSpace();
        if (text[i] === ']') fail('trailing comma before `]` (JSON allows none)', comma);
        continue;
      }
      expect(']', '`,` or `]`');
      return;
    }
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as JsonSyntaxError;
    return { offset: i, message: 'the JSON is nested too deeply' };
  }
}
