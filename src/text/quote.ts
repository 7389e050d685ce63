/**
 * Text from the input (a topology file, a command-line argument) quoted in a message. Control
 * characters would act on the terminal (ESC starts a colour or cursor sequence, BEL rings, NUL
 * cuts the line in some viewers) and bidirectional formatting characters reorder the text
 * around them, so both are shown as escapes: ESC as `\x1b`, U+202E as `\u202e`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every control and bidirectional formatting character escaped. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `` `text` ``, printable, and shortened to `max` characters. */
export function quote(text: string, max = 60): string {
  const short = text.length > max ? `${text.slice(0, max - 3)}...` : text;
  return `\`${printable(short)}\``;
}

/** The first control or bidirectional formatting character of `text`, with its index, if any. */
export function firstUnsafeCharacter(
  text: string,
): { index: number; escaped: string; control: boolean } | undefined {
  UNSAFE.lastIndex = 0;
  const m = UNSAFE.exec(text);
  UNSAFE.lastIndex = 0;
  return m ? { index: m.index, escaped: printable(m[0]), control: m[0].charCodeAt(0) <= 0x9f } : undefined;
}
