/**
 * The text of a check counterexample: every figure its FAIL line judges is also on its fates
 * line, so the two never seem to disagree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTopology } from '../../../src/check/search.js';
import { checkText } from '../../../src/report/text/checkText.js';
import { REPO } from '../../support/cli.js';
import { loadInline } from '../../support/simulateYaml.js';

const topology = loadInline(
  readFileSync(join(REPO, 'test/fixtures/check/central-failover-timeout.yaml'), 'utf8'),
);

describe('checkText', () => {
  it('counts every send left without an answer on the fates line, those delivered after all too', () => {
    const outcome = checkTopology(topology, { guarantees: topology.guarantees, runs: 20, seed: 1 });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    // As when the broker had stored the message before it died and delivered it after its restart.
    const r = outcome.trial.result;
    r.outcomeUnknown = { sends: 2, recovered: 1, gone: 0, held: 1 };
    r.fates.unknown = 0;
    outcome.trial.verdicts[0]!.measured = 2;
    const text = checkText(outcome, topology, 'brokerlab replay ...');
    expect(text).toContain('FAIL: outcomeUnknown measured 2 messages');
    expect(text).toMatch(
      /fates: .*outcome unknown 0; sends without an answer 2 \(delivered after all 1, gone 0, still held 1\)/,
    );
  });

  it('leaves the fates line as it was when every send had its answer', () => {
    const outcome = checkTopology(topology, { guarantees: topology.guarantees, runs: 20, seed: 1 });
    if (outcome.status !== 'fail') throw new Error('expected a counterexample');
    outcome.trial.result.outcomeUnknown = { sends: 0, recovered: 0, gone: 0, held: 0 };
    outcome.trial.result.fates.unknown = 0;
    expect(checkText(outcome, topology, 'replay')).toMatch(
      /^ {2}fates: .*, outcome unknown 0; duplicates \d+$/m,
    );
  });
});
