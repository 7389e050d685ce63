/**
 * Mermaid text from untrusted names. Labels are always quoted and every character outside a
 * small safe set becomes a mermaid entity code (`#60;` for `<`), so no name can close a label,
 * start a link or inject markup. Node ids are generated, never taken from names.
 */
const SAFE = /^[A-Za-z0-9 _.,:/=?()+'-]$/;

export function mermaidLabel(text: string): string {
  return `"${escapeText(text)}"`;
}

/** Unquoted text (sequence diagram messages and notes, participant aliases), escaped the same way. */
export function mermaidText(text: string): string {
  return escapeText(text);
}

/** A label of several lines, joined with mermaid's `<br>`. */
export function mermaidLines(lines: readonly string[]): string {
  return `"${lines.map(escapeText).join('<br>')}"`;
}

function escapeText(text: string): string {
  let out = '';
  for (const ch of text) out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

/** Generates short unique node ids (`n0`, `n1`, ...) for one diagram. */
export class MermaidIds {
  private next = 0;
  id(prefix = 'n'): string {
    return `${prefix}${this.next++}`;
  }
}
