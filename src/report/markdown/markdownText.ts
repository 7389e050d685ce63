/**
 * Untrusted text (topology names, descriptions, lint messages) inside GitHub markdown: HTML
 * special characters become entities and markdown syntax is backslash-escaped, so a name can
 * neither inject markup nor break a table row.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function markdownText(text: string): string {
  return text
    .replace(/[&<>"]/g, (ch) => ENTITIES[ch]!)
    .replace(/[\\`*_[\]|~#]/g, (ch) => `\\${ch}`)
    .replace(/\r?\n/g, ' ');
}

/** A GitHub table: a header row, a separator with alignment, then the rows (cells already escaped). */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (right[i] ? '---:' : '---'))), ...rows.map(line)].join(
    '\n',
  );
}
