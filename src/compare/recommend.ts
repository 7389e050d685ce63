/**
 * Comparison -> a winner (or a tie) per concern, with reasons that quote the table. Pure: it
 * reads only the comparison, so the same comparison always gives the same recommendation.
 */
import type { Comparison } from './compareTopologies.js';
import { AVAILABILITY, DUPLICATES, faultVerdict, LOSS, STRANDED } from './faultConcerns.js';
import type { Recommendation } from './recommendation.js';
import { deploymentVerdict, latencyVerdict, storesVerdict, throughputVerdict } from './staticConcerns.js';

export function recommend(comparison: Comparison): Recommendation {
  return {
    verdicts: [
      latencyVerdict(comparison),
      throughputVerdict(comparison),
      storesVerdict(comparison),
      deploymentVerdict(comparison),
      faultVerdict(comparison, LOSS),
      faultVerdict(comparison, DUPLICATES),
      faultVerdict(comparison, STRANDED),
      faultVerdict(comparison, AVAILABILITY),
    ],
  };
}
