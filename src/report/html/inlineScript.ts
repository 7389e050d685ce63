/**
 * JavaScript inside a <script> element of a self-contained page. The HTML parser ends a script
 * at `</script` and treats `<!--` and `<script` specially, even inside JS strings, so all three
 * are rewritten with `\x3C` for `<`: the same character to JavaScript in strings, templates and
 * regular expressions, where a minified bundle keeps such text. The page's Content-Security-Policy
 * allows exactly these scripts by hash.
 */
import { createHash } from 'node:crypto';

export function scriptSafe(js: string): string {
  return js.replace(/<(\/?script|!--)/gi, '\\x3C$1');
}

/** `'sha256-...'`: the CSP source that allows this exact script text. */
export function scriptHash(js: string): string {
  return `'sha256-${createHash('sha256').update(js, 'utf8').digest('base64')}'`;
}
