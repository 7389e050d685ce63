/** A check's outcome as the JSON document of schemas/check.schema.json. */
import { counterexampleDocument, foundCounterexample } from '../../check/counterexampleFile.js';
import type { GuaranteesInForce } from '../../check/guaranteeOption.js';
import type { CheckOutcome } from '../../check/search.js';
import { counterexampleSequence } from '../mermaid/counterexampleSequence.js';
import { verdictSummary } from '../text/verdictText.js';

export const CHECK_JSON_FORMAT = 'brokerlab.check/1';

export function checkJson(
  outcome: CheckOutcome,
  name: string,
  durationUs: number,
  replay: string,
  guarantees: GuaranteesInForce,
) {
  const s = outcome.space;
  const base = {
    format: CHECK_JSON_FORMAT,
    topology: name,
    status: outcome.status,
    seed: outcome.seed,
    runs: outcome.runs,
    space: {
      kinds: s.kinds,
      maxFaults: s.maxFaults,
      windowFromUs: s.windowFromUs,
      windowToUs: s.windowToUs,
      restarts: s.restarts,
    },
    coverage: outcome.coverage,
  };
  if (outcome.status === 'pass') return base;
  const t = outcome.trial;
  return {
    ...base,
    counterexample: {
      path: outcome.path,
      shrinks: outcome.shrinks,
      removal: outcome.removal,
      verdicts: t.verdicts.map((v) => ({ ...v, summary: verdictSummary(v) })),
      file: counterexampleDocument(name, foundCounterexample(t, durationUs, guarantees), {
        seed: outcome.seed,
        path: outcome.path,
      }),
      sequenceDiagram: counterexampleSequence(t),
      result: t.result,
      replay,
    },
  };
}
