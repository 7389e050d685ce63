/**
 * A recommendation as data: per concern, the winner (or a tie, or "it depends on the fault"),
 * with reasons whose numbers are quotes of the comparison table's cells, never numbers of
 * their own. Renderers substitute the formatted cell for each quote.
 */
import type { RowKey } from './cells.js';
import type { PairVerdict } from './pairwise.js';

export type ConcernId =
  | 'latency'
  | 'throughput'
  | 'stores'
  | 'deployment'
  | 'loss'
  | 'duplicates'
  | 'stranded'
  | 'availability';

/** The value of one table cell: row `row`, column `candidate` (an index into the candidates). */
export interface Quote {
  row: RowKey;
  candidate: number;
}

export type ReasonPart = string | Quote;
export type Reason = ReasonPart[];

export interface Verdict {
  concern: ConcernId;
  title: string;
  /** `mixed`: different candidates win under different faults; `n/a`: nothing to compare. */
  outcome: 'winner' | 'tie' | 'mixed' | 'n/a';
  winner: number | null;
  /** Candidates within noise of each other at the top (for a tie). */
  tied: number[];
  /** Every pair of candidates: what comparing those two alone says (the same as a 2-way compare). */
  pairs: PairVerdict[];
  reasons: Reason[];
  /** False when a single replication left the noise unknown. */
  tested: boolean;
}

export interface Recommendation {
  verdicts: Verdict[];
}
