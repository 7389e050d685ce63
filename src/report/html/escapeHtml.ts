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
