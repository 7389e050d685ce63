/**
 * One fuzz case: case `index` of a fuzz seed is the hostile document fast-check draws from the
 * seed derived from both, so that `--seed S --from I --runs 1` replays it alone. The case is
 * loaded, planned and simulated; it fails on an exception, fates that do not add up, a run that
 * does not end within its event budget, and (on a sample) a second run that is not byte-identical.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { buildPlan } from '../../src/plan/buildPlan.js';
import type { SimResult } from '../../src/sim/result.js';
import { simulate } from '../../src/sim/simulate.js';
import type { TopologyDocument } from '../support/arbitraries.js';
import { hostileDocument, loadDocument } from './hostileDocument.js';

export type CaseResult =
  | { ok: true; events: number }
  | { ok: false; index: number; seed: number; reason: string; yaml: string; replay: string };

/** Progress calls come every 65,536 events: 400 of them is over 26 M events, far above any case here. */
const MAX_PROGRESS_CALLS = 400;
/** Simulated time that stands still for this many progress calls in a row is a livelock. */
const MAX_CALLS_AT_ONE_INSTANT = 8;

/** The document of case `index` under fuzz seed `seed`. */
export function fuzzDocument(seed: number, index: number): TopologyDocument {
  const caseSeed = (Math.imul(seed ^ 0x9e37_79b9, 0x85eb_ca6b) + Math.imul(index, 0xc2b2_ae35)) | 0;
  return fc.sample(hostileDocument(), { seed: caseSeed, numRuns: 1 })[0]!;
}

function simulateBounded(doc: TopologyDocument): SimResult {
  let calls = 0;
  let still = 0;
  let last = -1;
  return simulate(buildPlan(loadDocument(doc)), {
    onProgress: (fraction) => {
      still = fraction === last ? still + 1 : 0;
      last = fraction;
      if (still >= MAX_CALLS_AT_ONE_INSTANT)
        throw new Error(`livelock: simulated time stands still at ${fraction} of the run`);
      if (++calls > MAX_PROGRESS_CALLS) throw new Error('the run does not end within 26 M events');
    },
  });
}

/** Every fate adds up to what was sent (the simulator checks this too; a second pair of eyes). */
function conservation(r: SimResult): string | null {
  const f = r.fates;
  const settled =
    f.delivered + f.lost + f.stranded + f.inFlight + f.sendFailed + f.unknown + f.deadLettered + f.discarded;
  if (settled !== f.sent + f.fanout) return `fates do not add up: ${JSON.stringify(f)}`;
  // Sends left without an answer: each recovered, gone (the unknown fate) or still held.
  const u = r.outcomeUnknown;
  if (u.recovered + u.gone + u.held !== u.sends || u.gone !== f.unknown)
    return `sends with an unknown outcome do not add up: ${JSON.stringify(u)}, fates.unknown ${f.unknown}`;
  if (r.endUs < r.durationUs) return `the run ended at ${r.endUs} us, before the sends stopped`;
  return null;
}

/** A failed case, with its document (when the generator got that far) and replay command. */
export function caseFailure(seed: number, index: number, reason: string, doc?: TopologyDocument): CaseResult {
  return {
    ok: false,
    index,
    seed,
    reason,
    yaml: doc ? stringify(doc) : '(the generator itself failed)\n',
    replay: `npm run fuzz -- --seed ${seed} --from ${index} --runs 1`,
  };
}

export function runCase(seed: number, index: number, determinism: boolean): CaseResult {
  let doc: TopologyDocument | undefined;
  const fail = (reason: string) => caseFailure(seed, index, reason, doc);
  try {
    doc = fuzzDocument(seed, index);
    const first = simulateBounded(doc);
    const broken = conservation(first);
    if (broken) return fail(broken);
    if (determinism) {
      const again = simulateBounded(doc);
      if (JSON.stringify(again) !== JSON.stringify(first)) return fail('two runs of the same input differ');
    }
    return { ok: true, events: first.events };
  } catch (error) {
    return fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
