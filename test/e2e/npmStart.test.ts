/**
 * `npm start`'s comparison shows the FAQ's main concern: under a process crash the embedded
 * layout strands (or loses) messages, and its recommendation says so in the FAQ's terms. The
 * arguments are read from package.json's `start` script, so the test follows what users run;
 * only the process-crash scenario (and the baseline) run, with the same seeds: each scenario's
 * runs do not depend on the others.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../support/cli.js';

async function startArguments(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(`${REPO}/package.json`, 'utf8'));
  const command: string = pkg.scripts.start;
  const args = command
    .slice(command.indexOf('bin/brokerlab.js') + 'bin/brokerlab.js'.length)
    .trim()
    .split(/\s+/);
  const html = args.indexOf('--html');
  if (html >= 0) args.splice(html, 2);
  return args;
}

interface Cell {
  mean: number | null;
}

describe("npm start's comparison", () => {
  it('strands messages of a crashed embedded process, and its recommendation says so', async () => {
    const args = await startArguments();
    expect(args.slice(0, 3)).toEqual([
      'compare',
      'topologies/embedded-per-process.yaml',
      'topologies/central-cluster.yaml',
    ]);
    const r = await runCli([...args, '--scenarios', 'baseline,process-crash', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const [embedded, central] = doc.candidates;
    const crash = (k: { outcomes: { scenario: string; metrics: Record<'stranded' | 'lost', Cell> }[] }) =>
      k.outcomes.find((o) => o.scenario === 'process-crash')!.metrics;
    expect(embedded.layout).toBe('embedded');
    expect(crash(embedded).stranded.mean! + crash(embedded).lost.mean!).toBeGreaterThan(0);
    expect(crash(central).stranded.mean).toBe(0);
    const stranded = doc.recommendation.verdicts.find((v: { concern: string }) => v.concern === 'stranded');
    expect(stranded.winner).toBe('central-cluster');
    expect(stranded.reasons.map((x: { text: string }) => x.text)).toContainEqual(
      expect.stringMatching(
        /^process crash: every process crash strands that process's stored messages until it restarts \(30s\): stranded 0 vs \d/,
      ),
    );
  });
});
