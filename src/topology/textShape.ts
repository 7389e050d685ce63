/**
 * One pass over the text before the YAML parser sees it, refusing shapes no topology has and
 * the parser cannot afford: nesting deeper than MAX_NESTING, or more than MAX_ENTRIES entries.
 */

/**
 * Brackets or indentation deeper than this are no topology (a topology nests about 6 levels). The
 * YAML parser recurses per level: a few hundred levels overflow its stack, and after such an
 * overflow V8 may abort the whole process on the next parse, so deep text is refused up front.
 */
export const MAX_NESTING = 100;

/**
 * Lines and flow items (`,`) at most. The bundled topologies have under 100; the YAML parser
 * costs about 10 us per entry, so 10 MiB of one-line keys (over a million) would take more than
 * 10 s to parse alone, while this many parse in about a second.
 */
export const MAX_ENTRIES = 100_000;

export interface ShapeProblem {
  offset: number;
  message: string;
  hint?: string;
}

export function findShapeProblem(text: string): ShapeProblem | undefined {
  let depth = 0;
  let entries = 0;
  let lineStart = true;
  let indent = 0;
  let quote = '';
  const tooMany = (i: number): ShapeProblem => ({
    offset: i,
    message: `the document has more than ${MAX_ENTRIES.toLocaleString('en-US')} lines and list items`,
    hint: 'a topology has a few hundred: is this the right file?',
  });
  const tooDeep = (i: number): ShapeProblem => ({
    offset: i,
    message: `the document is nested too deeply (more than ${MAX_NESTING} levels)`,
  });
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
        if (++indent > 2 * MAX_NESTING) return tooDeep(i);
        continue;
      }
      lineStart = false;
      if (++entries > MAX_ENTRIES) return tooMany(i);
    }
    if (quote !== '') {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++; // a comment
    } else if (ch === '[' || ch === '{') {
      if (++depth > MAX_NESTING) return tooDeep(i);
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && ++entries > MAX_ENTRIES) return tooMany(i);
  }
  return undefined;
}
