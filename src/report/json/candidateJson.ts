/** A candidate's results (a compared topology, or a sweep point) as plain JSON: no plan. */
import type { CandidateResult } from '../../compare/evaluate.js';

export function candidateResultJson(r: CandidateResult) {
  return {
    name: r.name,
    description: r.description,
    layout: r.layout,
    figures: r.figures,
    lints: r.lints,
    setup: r.setup,
    ceiling: r.ceiling,
    outcomes: r.outcomes,
  };
}
