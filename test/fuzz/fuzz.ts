/**
 * `npm run fuzz -- --runs N [--seed S] [--from I] [--save DIR]`: simulates N hostile generated
 * topologies (test/fuzz/fuzzCase.ts) and prints a failure's topology (YAML) and the command
 * that replays it. Every 20th case runs twice to check determinism. Exit code 1 if any case
 * failed, 2 on bad usage. The seed defaults to the wall clock and is printed first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseFailure, fuzzDocument, runCase } from './fuzzCase.js';

const DETERMINISM_EVERY = 20;

function usage(): never {
  process.stderr.write('usage: npm run fuzz -- --runs N [--seed S] [--from I] [--save DIR]\n');
  process.exit(2);
}

function parse(argv: string[]): { runs: number; seed: number; from: number; save: string | null } {
  const out = { runs: 100, seed: Date.now() % 0x1_0000_0000, from: 0, save: null as string | null };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) usage();
    if (flag === '--save') {
      out.save = value;
      continue;
    }
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) usage();
    if (flag === '--runs') out.runs = n;
    else if (flag === '--seed') out.seed = n;
    else if (flag === '--from') out.from = n;
    else usage();
  }
  return out;
}

/** An error an xstate action threw surfaces a tick later (issue 12, bug 3): pin it on the case just run. */
let escaped: unknown = null;
process.on('uncaughtException', (error) => {
  escaped = error;
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const o = parse(process.argv.slice(2));
process.stdout.write(`fuzz: seed ${o.seed}, cases ${o.from} .. ${o.from + o.runs - 1}\n`);
const started = performance.now();
let failures = 0;
let events = 0;
for (let i = o.from; i < o.from + o.runs; i++) {
  let r = runCase(o.seed, i, i % DETERMINISM_EVERY === 0);
  await tick();
  if (escaped !== null) {
    const why = escaped instanceof Error ? (escaped.stack ?? escaped.message) : String(escaped);
    r = caseFailure(o.seed, i, `an exception escaped the run: ${why}`, fuzzDocument(o.seed, i));
    escaped = null;
  }
  if (r.ok) events += r.events;
  else {
    failures++;
    process.stdout.write(
      `\nFAIL case ${i}: ${r.reason}\n--- topology ---\n${r.yaml}--- replay ---\n${r.replay}\n`,
    );
    if (o.save) {
      mkdirSync(o.save, { recursive: true });
      const head = `# ${r.reason.split('\n')[0]}\n# replay: ${r.replay}\n# or: brokerlab simulate FILE\n`;
      writeFileSync(join(o.save, `fuzz-${o.seed}-${i}.yaml`), head + r.yaml);
    }
  }
  const done = i - o.from + 1;
  if (done % 1000 === 0 || done === o.runs) {
    const s = (performance.now() - started) / 1000;
    process.stdout.write(
      `${done} runs, ${failures} failed, ${s.toFixed(0)} s, ${(done / s).toFixed(1)} runs/s, ${events} events\n`,
    );
  }
}
process.exit(failures > 0 ? 1 : 0);
