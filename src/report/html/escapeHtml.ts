/**
 * Untrusted text in HTML and SVG: element content and quoted attribute values. Every name in a
 * report comes from a topology file that anyone may have written, so nothing is inserted raw.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/**
 * Text that holds a name from a topology, inline among other text: escaped, and isolated in
 * `<bdi>` so that right-to-left characters in it cannot reorder the text around it.
 */
export function isolated(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

/** The same for plain text, such as an SVG tooltip, which holds no markup: FSI ... PDI. */
export function isolatedText(text: string): string {
  return `\u2068${text}\u2069`;
}
