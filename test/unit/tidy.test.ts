/**
 * The core stays pure (DESIGN.md): below the CLI and the topology loader, no clock, no random
 * numbers of its own, no timers, no files, no process. Enforced here by reading the sources, the
 * way TigerBeetle's tidy bans wall-clock time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';
/**
 * Where I/O belongs: the CLI, the loader that reads topology files and the schemas, and the
 * real-broker harness (processes, ports and scratch directories at the edge, beside the core).
 */
const MAY_DO_IO = [/^src\/cli\//, /^src\/topology\/load\.ts$/, /^src\/topology\/schema\.ts$/, /^src\/real\//];
/** The one place timers are named: the simulated clock that replaces them. */
const THE_CLOCK = 'src/sim/simClock.ts';

const BANNED: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random (use the seeded Rng)'],
  [/\bDate\.now\b|\bnew Date\(/, 'the wall clock'],
  [/\bperformance\.now\b/, 'the wall clock'],
  [/\bprocess\./, 'the process (environment, streams, exit)'],
  [/\bset(Timeout|Interval|Immediate)\(/, 'real timers (use the simulated clock)'],
  [/from 'node:(fs|fs\/promises|child_process|worker_threads|net|http)'/, 'I/O'],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the pure core', () => {
  it('uses no clock, randomness, timers, files or process below the CLI and the loader', () => {
    const offences: string[] = [];
    for (const file of files(SRC)) {
      if (MAY_DO_IO.some((r) => r.test(file))) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\*|\*|\/\/)/.test(line)) return; // comments may name what they avoid
        for (const [pattern, what] of BANNED) {
          if (file === THE_CLOCK && what.startsWith('real timers')) continue;
          if (pattern.test(line)) offences.push(`${file}:${i + 1}: ${what}: ${line.trim()}`);
        }
      });
    }
    expect(offences).toEqual([]);
  });

  it('catches an offence (the check itself works)', () => {
    expect(BANNED.some(([p]) => p.test('const x = Math.random();'))).toBe(true);
    expect(BANNED.some(([p]) => p.test("import { readFile } from 'node:fs/promises';"))).toBe(true);
  });
});
