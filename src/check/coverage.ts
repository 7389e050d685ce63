/**
 * Vacuity and coverage ("sometimes" assertions): a pass that never hurt anything proves
 * nothing. Per run, did some fault hit something that held messages? Per fault kind, in what
 * fraction of the runs that tried it did it touch in-flight or stored messages?
 */
import type { SimResult } from '../sim/result.js';
import type { FaultKind } from '../topology/types.js';

export interface KindCoverage {
  kind: FaultKind;
  /** Runs with at least one fault of this kind. */
  runs: number;
  /** Of those, runs where such a fault touched messages. */
  touched: number;
}

export interface Coverage {
  runs: number;
  /** Runs in which some fault touched messages. */
  exercised: number;
  byKind: KindCoverage[];
}

/** Below this fraction of exercised runs, a pass is reported as weak. */
export const WEAK_COVERAGE = 0.2;

export class CoverageCounter {
  private runs = 0;
  private exercised = 0;
  private readonly kinds = new Map<FaultKind, { runs: number; touched: number }>();

  record(result: SimResult): void {
    this.runs++;
    const seen = new Map<FaultKind, boolean>();
    for (const f of result.faults) {
      const touched = f.atRisk + f.lost + f.duplicated + f.stranded + f.redelivered > 0;
      seen.set(f.kind, (seen.get(f.kind) ?? false) || touched);
    }
    if ([...seen.values()].some(Boolean)) this.exercised++;
    for (const [kind, touched] of seen) {
      const k = this.kinds.get(kind) ?? { runs: 0, touched: 0 };
      k.runs++;
      if (touched) k.touched++;
      this.kinds.set(kind, k);
    }
  }

  snapshot(kindOrder: readonly FaultKind[]): Coverage {
    return {
      runs: this.runs,
      exercised: this.exercised,
      byKind: kindOrder.filter((k) => this.kinds.has(k)).map((kind) => ({ kind, ...this.kinds.get(kind)! })),
    };
  }
}

export function isWeak(coverage: Coverage): boolean {
  return coverage.runs > 0 && coverage.exercised / coverage.runs < WEAK_COVERAGE;
}
