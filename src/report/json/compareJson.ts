/** A comparison and its recommendation as the document of schemas/compare.schema.json. */
import { cellData } from '../../compare/cells.js';
import type { Comparison } from '../../compare/compareTopologies.js';
import type { Recommendation } from '../../compare/recommendation.js';
import { scenarioById } from '../../compare/scenarios.js';
import { comparisonTable } from '../decide/comparisonTable.js';
import { formatQuote } from '../decide/formatCell.js';
import { reasonText } from '../decide/reasonText.js';
import { candidateResultJson } from './candidateJson.js';

export function compareJson(c: Comparison, rec: Recommendation) {
  return {
    format: c.format,
    settings: c.settings,
    scenarios: c.settings.scenarios.map(scenarioById),
    candidates: c.candidates.map((k) => ({
      label: k.label,
      file: k.file,
      ...candidateResultJson(k),
      growth: k.growth,
    })),
    table: comparisonTable(c),
    recommendation: {
      verdicts: rec.verdicts.map((v) => ({
        concern: v.concern,
        title: v.title,
        outcome: v.outcome,
        winner: v.winner === null ? null : c.candidates[v.winner]!.label,
        tied: v.tied.map((i) => c.candidates[i]!.label),
        tested: v.tested,
        pairs: v.pairs.map((p) => ({
          a: c.candidates[p.a]!.label,
          b: c.candidates[p.b]!.label,
          outcome: p.outcome,
          winner: p.winner === null ? null : c.candidates[p.winner]!.label,
        })),
        reasons: v.reasons.map((reason) => ({
          text: reasonText(c, reason),
          quotes: reason.flatMap((part) =>
            typeof part === 'string'
              ? []
              : [
                  {
                    row: part.row,
                    candidate: c.candidates[part.candidate]!.label,
                    text: formatQuote(cellData(c.candidates[part.candidate]!, part.row)),
                  },
                ],
          ),
        })),
      })),
    },
  };
}
