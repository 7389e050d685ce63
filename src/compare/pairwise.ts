/**
 * A concern decided pair by pair. Each pair of candidates gets the verdict that comparing those
 * two alone gives, and the concern's verdict follows from the pairs: a winner beats every other
 * candidate; otherwise the candidates nobody beats tie, unless two of them each win under a
 * different fault (then the answer depends on the fault). Adding a third candidate to a
 * comparison therefore never changes what it says about the other two.
 */
import type { PairDecision } from './decide.js';

/** What comparing candidates a and b alone says (a < b). */
export interface PairVerdict {
  a: number;
  b: number;
  /** `mixed`: each wins under a different fault; `n/a`: they were never measured together. */
  outcome: 'winner' | 'tie' | 'mixed' | 'n/a';
  winner: number | null;
}

export interface ConcernOutcome {
  outcome: 'winner' | 'tie' | 'mixed' | 'n/a';
  winner: number | null;
  tied: number[];
}

/** Combines one pair's decisions (one per fault scenario, or a single one) into its verdict. */
export function pairVerdict(a: number, b: number, decisions: readonly PairDecision[]): PairVerdict {
  const mine = decisions.filter((d) => d.a === a && d.b === b);
  if (mine.length === 0) return { a, b, outcome: 'n/a', winner: null };
  const winners = [...new Set(mine.flatMap((d) => (d.winner === null ? [] : [d.winner])))];
  if (winners.length === 0) return { a, b, outcome: 'tie', winner: null };
  if (winners.length === 1) return { a, b, outcome: 'winner', winner: winners[0]! };
  return { a, b, outcome: 'mixed', winner: null };
}

/** Every pair of `count` candidates, from decisions that may cover only some of them. */
export function pairVerdicts(count: number, decisions: readonly PairDecision[]): PairVerdict[] {
  const out: PairVerdict[] = [];
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) out.push(pairVerdict(a, b, decisions));
  return out;
}

export function concernOutcome(pairs: readonly PairVerdict[]): ConcernOutcome {
  const compared = pairs.filter((p) => p.outcome !== 'n/a');
  const players = [...new Set(compared.flatMap((p) => [p.a, p.b]))].sort((x, y) => x - y);
  if (players.length === 0) return { outcome: 'n/a', winner: null, tied: [] };
  const against = (i: number) =>
    pairs.filter((p) => (p.a === i || p.b === i) && players.includes(p.a === i ? p.b : p.a));
  const winner = players.find((i) => against(i).every((p) => p.winner === i));
  if (winner !== undefined) return { outcome: 'winner', winner, tied: [] };
  const beaten = new Set(compared.flatMap((p) => (p.winner === null ? [] : [p.a === p.winner ? p.b : p.a])));
  const top = players.filter((i) => !beaten.has(i));
  const mixedAtTop = compared.some((p) => p.outcome === 'mixed' && top.includes(p.a) && top.includes(p.b));
  if (top.length === 0 || mixedAtTop) return { outcome: 'mixed', winner: null, tied: [] };
  return { outcome: 'tie', winner: null, tied: top };
}
