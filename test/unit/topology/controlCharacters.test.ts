/**
 * Control characters (ESC, BEL, NUL) and bidirectional formatting (U+202E) in names: refused at
 * validation with a clear message, and never echoed raw in any message that quotes the input.
 */
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../../src/cli/options.js';
import { parseVary } from '../../../src/sweep/varySpec.js';
import { printable, quote } from '../../../src/text/quote.js';
import { formatLoadErrors } from '../../../src/topology/issues.js';
import { loadTopologyText } from '../../../src/topology/load.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function errorsOf(text: string, file = 't.yaml') {
  const result = loadTopologyText(text, file);
  if (result.ok) throw new Error('the text loaded');
  return result.errors;
}

const topology = (name: string, destination = 'orders', extra = '') =>
  JSON.stringify({
    name,
    layout: 'embedded',
    destinations: [{ name: destination }],
    applications: [{ id: 'orders', producers: [{ destination }] }],
    ...(extra ? JSON.parse(extra) : {}),
  });

describe('names with control or bidirectional formatting characters', () => {
  it.each([
    ['ESC', 'evil\u001b[2Jname', 'control character \\x1b (character 5)'],
    ['BEL', 'bell\u0007', 'control character \\x07 (character 5)'],
    ['NUL', 'nul\u0000', 'control character \\x00 (character 4)'],
    ['U+202E', 'abc\u202egnp.exe', 'bidirectional formatting character \\u202e (character 4)'],
  ])('a topology name with %s is refused, and the message shows it escaped', (_, name, what) => {
    const errors = errorsOf(topology(name), 't.json');
    expect(errors[0]).toMatchObject({ line: 1, message: `name contains the ${what}` });
    expect(errors[0]!.hint).toContain('remove it');
    expect(formatLoadErrors(errors)).not.toMatch(RAW);
  });

  it('refuses them in destination names, fault targets and descriptions too', () => {
    expect(errorsOf(topology('x', 'ord\u001bers'), 't.json')[0]!.message).toBe(
      'destinations[0].name contains the control character \\x1b (character 4)',
    );
    const faults =
      '{"faults": {"schedule": [{"at": "1s", "kind": "process-crash", "target": "orders-0\\u202e"}]}}';
    expect(errorsOf(topology('x', 'orders', faults), 't.json')[0]!.message).toBe(
      'faults.schedule[0].target contains the bidirectional formatting character \\u202e (character 9)',
    );
    expect(errorsOf(topology('x', 'orders', '{"description": "a\\u0007b"}'), 't.json')[0]!.message).toBe(
      'description contains the control character \\x07 (character 2)',
    );
  });

  it('keeps line breaks and tabs in a description', () => {
    expect(
      loadTopologyText(topology('x', 'orders', '{"description": "line 1\\n\\tline 2"}'), 't.json').ok,
    ).toBe(true);
  });

  it('escapes an unknown key that holds control characters', () => {
    const errors = errorsOf(topology('x', 'orders', '{"\\u001b]0;pwned\\u0007": 1}'), 't.json');
    expect(errors[0]!.message).toBe('unknown key `\\x1b]0;pwned\\x07` in the document');
    expect(formatLoadErrors(errors)).not.toMatch(RAW);
  });

  it('escapes a file name with control characters', () => {
    expect(formatLoadErrors(errorsOf('name: x\n', 'evil\u001b[2J.yaml'))).toMatch(
      /^evil\\x1b\[2J\.yaml:1:1: /,
    );
  });

  it('escapes what YAML and JSON syntax errors quote', () => {
    expect(formatLoadErrors(errorsOf('{"name": \u001b}', 't.json'))).not.toMatch(RAW);
    expect(formatLoadErrors(errorsOf('name: x\nlayout: *\u001b[31m\n'))).not.toMatch(RAW);
  });
});

describe('command-line values quoted in usage errors', () => {
  it('shows control characters escaped', () => {
    expect(() => parseSeed('\u001b[31m')).toThrow('not `\\x1b[31m`');
    const vary = parseVary('\u0007x');
    expect(vary.ok ? '' : vary.message).toContain('`\\x07x`');
  });
});

describe('quote and printable', () => {
  it('escape C0, DEL, C1 and bidirectional formatting characters, and keep other text', () => {
    expect(printable('a\u0000b\u001bc\u007fd\u0085e\u200ff\u2067g é 日本 שלום')).toBe(
      'a\\x00b\\x1bc\\x7fd\\x85e\\u200ff\\u2067g é 日本 שלום',
    );
    expect(quote('x'.repeat(100))).toBe(`\`${'x'.repeat(57)}...\``);
  });
});
