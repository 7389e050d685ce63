/** A check's outcome as the JSON document of schemas/check.schema.json. */
import { counterexampleDocument } from '../../check/counterexampleFile.js';
import type { CheckOutcome } from '../../check/search.js';
import { counterexampleSequence } from '../mermaid/counterexampleSequence.js';

export const CHECK_JSON_FORMAT = 'brokerlab.check/1';

export function checkJson(outcome: CheckOutcome, name: string, durationUs: number, replay: string) {
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
      verdicts: t.verdicts,
      file: counterexampleDocument(
        name,
        { replicas: t.replicas, durationUs, schedule: t.schedule },
        { seed: outcome.seed, path: outcome.path },
      ),
      sequenceDiagram: counterexampleSequence(t),
      result: t.result,
      replay,
    },
  };
}
