/** A check's outcome for the terminal: pass with coverage, or the counterexample and how to replay it. */
import { isWeak, WEAK_COVERAGE } from '../../check/coverage.js';
import type { CheckOutcome } from '../../check/search.js';
import { plural } from '../../text/plural.js';
import type { Topology } from '../../topology/types.js';
import { humanDurationUs } from '../../topology/units.js';
import { counterexampleSequence } from '../mermaid/counterexampleSequence.js';
import { formatCount as n, renderTable } from './table.js';
import { unansweredSends } from './unanswered.js';
import { verdictLine } from './verdictText.js';

export function checkText(outcome: CheckOutcome, original: Topology, replayCommand: string): string {
  const name = original.name;
  const s = outcome.space;
  const out: string[] = [];
  out.push(
    `check ${name}: seed ${outcome.seed}, ${n(outcome.runs)} run${outcome.runs === 1 ? '' : 's'}, up to ${s.maxFaults} fault${s.maxFaults === 1 ? '' : 's'} of ${s.kinds.join(', ') || 'no kind'} between ${humanDurationUs(s.windowFromUs)} and ${humanDurationUs(s.windowToUs)}${s.restarts ? '' : ', no restarts'}`,
  );
  out.push(coverageText(outcome));
  if (outcome.status === 'pass') {
    out.push(`PASS: every guarantee held in ${n(outcome.runs)} runs`);
    return `${out.join('\n')}\n`;
  }
  const trial = outcome.trial;
  for (const v of trial.verdicts.filter((x) => !x.valid)) out.push(verdictLine(v));
  const scaled = trial.topology.applications
    .map((a, i) => {
      const full = original.applications[i]!.replicas;
      return `${a.id} ×${a.replicas}${a.replicas < full ? ` (scaled down from ${n(full)})` : ''}`;
    })
    .join(', ');
  out.push(
    `smallest counterexample (after ${plural(outcome.shrinks, 'shrink step')} and ${removalText(outcome)}): ${plural(trial.schedule.length, 'fault')}, with ${scaled}`,
  );
  const rows = [
    ['at', 'fault', 'target', 'back after', 'at risk', 'lost', 'dup', 'stranded', 'redelivered', 'failover'],
  ];
  for (const f of trial.result.faults) {
    rows.push([
      humanDurationUs(f.atUs),
      f.kind,
      f.peer ? `${f.target} / ${f.peer}` : f.target,
      f.restartAfterUs < 0 ? 'never' : humanDurationUs(f.durationUs > 0 ? f.durationUs : f.restartAfterUs),
      n(f.atRisk),
      n(f.lost),
      n(f.duplicated),
      n(f.stranded),
      n(f.redelivered),
      f.failoverUs < 0 ? '-' : humanDurationUs(f.failoverUs),
    ]);
  }
  if (trial.result.faults.length > 0)
    out.push(
      renderTable(
        rows,
        ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        '  ',
      ),
    );
  else out.push('  (no fault needed: the guarantee breaks under the workload alone)');
  const f = trial.result.fates;
  // `outcome unknown` is the fate (no copy left); the outcomeUnknown guarantee judges all sends
  // without an answer, those delivered after all or still held too.
  const unanswered = unansweredSends(trial.result.outcomeUnknown);
  out.push(
    `  fates: sent ${n(f.sent)}, delivered ${n(f.delivered)}, lost ${n(f.lost)}, stranded ${n(f.stranded)}, in flight ${n(f.inFlight)}, send failed ${n(f.sendFailed)}, outcome unknown ${n(f.unknown)}${unanswered ? `; ${unanswered}` : ''}; duplicates ${n(trial.result.duplicates)}`,
  );
  out.push('sequence diagram (mermaid):', '```mermaid', counterexampleSequence(trial).trimEnd(), '```');
  out.push(`replay: ${replayCommand}`);
  return `${out.join('\n')}\n`;
}

function coverageText(outcome: CheckOutcome): string {
  const c = outcome.coverage;
  const kinds = c.byKind.map((k) => `${k.kind} ${n(k.touched)}/${n(k.runs)}`).join(', ');
  const line = `coverage: faults touched messages in ${n(c.exercised)} of ${n(c.runs)} runs${kinds ? ` (${kinds})` : ''}`;
  if (outcome.status === 'pass' && isWeak(c)) {
    return `${line}\nWARNING: under ${Math.round(WEAK_COVERAGE * 100)}% of the runs hurt anything: this pass says little. Widen faults.search (kinds, window, maxFaults) or add load.`;
  }
  return line;
}

/** `a removal pass that dropped 1 fault and took orders from ×67 to ×1`. */
function removalText(outcome: Extract<CheckOutcome, { status: 'fail' }>): string {
  const { droppedFaults, replicasBefore } = outcome.removal;
  const after = outcome.trial.topology.applications;
  const scaled = replicasBefore
    .map((before, i) =>
      before === after[i]!.replicas ? '' : `${after[i]!.id} from ×${n(before)} to ×${n(after[i]!.replicas)}`,
    )
    .filter(Boolean);
  const dropped = `dropped ${droppedFaults === 0 ? 'no fault' : plural(droppedFaults, 'fault')}`;
  return `a removal pass that ${dropped}${scaled.length > 0 ? ` and took ${scaled.join(', ')}` : ''}`;
}
