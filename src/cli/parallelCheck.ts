/**
 * `check --workers N`: N independent fast-check searches in worker threads, with seeds
 * seed .. seed+N-1 and the runs shared among them. The reported counterexample is the one of the
 * lowest-numbered worker that found one, with that worker's seed, so it replays exactly.
 */
import { Worker } from 'node:worker_threads';
import type { CoverageCounter } from '../check/coverage.js';
import type { CheckOptions, CheckOutcome } from '../check/search.js';

type Job = Omit<CheckOptions, 'onRun'>;

export async function checkInWorkers(
  /** The topology file and the `--costs` file, loaded again in each worker. */
  source: { file: string; costs: string | undefined },
  options: Job,
  workers: number,
  onProgress: (done: number) => void,
): Promise<CheckOutcome> {
  const done = new Array<number>(workers).fill(0);
  const shares = Array.from(
    { length: workers },
    (_, i) => Math.floor(options.runs / workers) + (i < options.runs % workers ? 1 : 0),
  ).filter((n) => n > 0);
  const outcomes = await Promise.all(
    shares.map(
      (runs, i) =>
        new Promise<CheckOutcome>((resolve, reject) => {
          const worker = new Worker(new URL('./checkWorker.js', import.meta.url), {
            workerData: { ...source, options: { ...options, runs, seed: (options.seed + i) >>> 0 } },
          });
          worker.on(
            'message',
            (m: { type: 'progress'; done: number } | { type: 'done'; outcome: CheckOutcome }) => {
              if (m.type === 'progress') {
                done[i] = m.done;
                onProgress(done.reduce((a, b) => a + b, 0));
              } else resolve(m.outcome);
            },
          );
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`check worker ${i} exited with code ${code}`));
          });
        }),
    ),
  );
  return merge(outcomes);
}

function merge(outcomes: CheckOutcome[]): CheckOutcome {
  const runs = outcomes.reduce((n, o) => n + o.runs, 0);
  const kinds = new Map<string, { runs: number; touched: number }>();
  for (const o of outcomes) {
    for (const k of o.coverage.byKind) {
      const sum = kinds.get(k.kind) ?? { runs: 0, touched: 0 };
      sum.runs += k.runs;
      sum.touched += k.touched;
      kinds.set(k.kind, sum);
    }
  }
  const first = outcomes.find((o) => o.status === 'fail') ?? outcomes[0]!;
  const coverage: ReturnType<CoverageCounter['snapshot']> = {
    runs,
    exercised: outcomes.reduce((n, o) => n + o.coverage.exercised, 0),
    byKind: first.space.kinds.filter((k) => kinds.has(k)).map((kind) => ({ kind, ...kinds.get(kind)! })),
  };
  return { ...first, runs, coverage };
}
