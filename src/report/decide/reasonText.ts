/** A reason of the recommendation as plain text: its prose with each quoted cell's value. */
import { cellData } from '../../compare/cells.js';
import type { Comparison } from '../../compare/compareTopologies.js';
import type { Reason, Verdict } from '../../compare/recommendation.js';
import { formatQuote } from './formatCell.js';

export function reasonText(c: Comparison, reason: Reason): string {
  return reason
    .map((part) =>
      typeof part === 'string' ? part : formatQuote(cellData(c.candidates[part.candidate]!, part.row)),
    )
    .join('');
}

/** `central-cluster`, `tie (a, b)`, `depends on the fault`, `n/a`. */
export function verdictHeadline(c: Comparison, v: Verdict): string {
  const label = (i: number) => c.candidates[i]!.label;
  const untested = v.tested ? '' : ' (one seed: noise unknown)';
  switch (v.outcome) {
    case 'winner':
      return `${label(v.winner!)}${untested}`;
    case 'tie':
      return `tie${v.tied.length > 0 && v.tied.length < c.candidates.length ? ` (${v.tied.map(label).join(', ')})` : ''}${untested}`;
    case 'mixed':
      return `depends on the fault${untested}`;
    case 'n/a':
      return 'nothing to compare';
  }
}
