/**
 * Issue 10's goal for `validate`: time linear in the number of keys, and every file under the
 * 10 MiB input limit answered in under 5 s. Each case is what the CLI does with a file's text:
 * load it and format its errors (at most MAX_ERRORS_SHOWN of them). CPU time, so that other
 * work on the machine does not count.
 */
import { readFileSync } from 'node:fs';
import { formatLoadErrors } from '../src/topology/issues.js';
import { loadTopologyText } from '../src/topology/load.js';

export interface ValidateBenchResult {
  name: string;
  bytes: number;
  seconds: number;
}

export const VALIDATE_GOAL_SECONDS = 5;
const TEN_MIB = 10 * 1024 * 1024;
const BASE = readFileSync('topologies/spring-boot-default.yaml', 'utf8');

function unknownKeys(count: number, width = 0): string {
  const pad = 'x'.repeat(width);
  return Array.from({ length: count }, (_, i) => `unknownKey${i}${pad}: ${i}\n`).join('');
}

/** Whole lines of `line(i)` until the text is just under 10 MiB. */
function fill(prefix: string, line: (i: number) => string, suffix = ''): string {
  const parts = [prefix];
  let length = prefix.length + suffix.length;
  for (let i = 0; ; i++) {
    const next = line(i);
    if (length + next.length >= TEN_MIB) break;
    parts.push(next);
    length += next.length;
  }
  parts.push(suffix);
  return parts.join('');
}

const CASES: [string, () => string][] = [
  ['10,000 unknown keys', () => BASE + unknownKeys(10_000)],
  ['60,000 unknown keys', () => BASE + unknownKeys(60_000)],
  ['99,000 unknown keys of 100 characters (10 MiB)', () => BASE + unknownKeys(99_000, 80)],
  ['300,000 unknown keys', () => BASE + unknownKeys(300_000)],
  [
    '1,000 applications of 100,000 replicas',
    () =>
      BASE.replace(
        /^applications:\n/m,
        `applications:\n${Array.from({ length: 1000 }, (_, i) => `  - id: app${i}\n    replicas: 100000\n`).join('')}`,
      ),
  ],
  [
    '33,000 destinations of 3 lines',
    () =>
      BASE.replace(
        /^destinations:\n/m,
        `destinations:\n${Array.from({ length: 33_000 }, (_, i) => `  - name: queue-${i}\n    type: queue\n    bad: 1\n`).join('')}`,
      ),
  ],
  ['10 MiB of one-line keys', () => fill(BASE, (i) => `k${i}: 1\n`)],
  [
    '10 MiB description',
    () =>
      `${BASE}\ndescription: ${'x'.repeat(TEN_MIB - BASE.length - 20)}\n`.replace(/^description: .*\n/m, ''),
  ],
  [
    '99,000 unknown keys on one line of JSON',
    () =>
      `{"name": "x", "layout": "central", ${Array.from({ length: 99_000 }, (_, i) => `"unknownKey${i}": ${i}`).join(', ')}}`,
  ],
  [
    '10 MiB JSON list on one line',
    () => fill('{"name": "x", "destinations": [', (i) => `"${i}",`, '"end"]}'),
  ],
];

function cpuSeconds(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

export function runValidateBench(): ValidateBenchResult[] {
  return CASES.map(([name, make]) => {
    const text = make();
    const file = name.includes('JSON') ? 'bench.json' : 'bench.yaml';
    const seconds = cpuSeconds(() => {
      const result = loadTopologyText(text, file);
      if (!result.ok) formatLoadErrors(result.errors);
    });
    return { name: `validate: ${name}`, bytes: Buffer.byteLength(text), seconds };
  });
}
