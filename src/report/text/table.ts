/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */

export type Align = 'left' | 'right';

export function renderTable(
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
  indent = '',
): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    });
  }
  return rows
    .map((row) =>
      (
        indent +
        row
          .map((cell, i) => {
            const pad = ' '.repeat(widths[i]! - width(cell));
            return (align[i] ?? 'left') === 'right' ? pad + cell : cell + pad;
          })
          .join('  ')
      ).trimEnd(),
    )
    .join('\n');
}

/** Display width: code points, so that `×` and `·` count as one column. */
function width(text: string): number {
  return [...text].length;
}

/** 1234567 -> `1,234,567`; fractions keep up to `digits` decimals. */
export function formatCount(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}
