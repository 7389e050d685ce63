/**
 * `brokerlab simulate` as a user runs it: the built CLI (`npm run build`) in a child process.
 * A summary with every fate, JSON in the published format, the same bytes for the same command,
 * seeds that matter, exit code 2 with one line for bad usage, and no progress bar unless stderr
 * is a terminal.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CENTRAL = 'topologies/central-cluster.yaml';
const ENV = { ...process.env, NO_COLOR: '1', BROKERLAB_DEBUG: '' };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time it took, in milliseconds. */
  ms: number;
}

function brokerlab(...args: string[]): Run {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['bin/brokerlab.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: ENV,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, ms: performance.now() - started };
}

/** Runs a command without blocking the test process, so that two long runs can overlap. */
function spawnAsync(command: string, args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, ms: performance.now() - started }));
  });
}

const STACK_TRACE = /^\s+at\s|at Object\.|node:internal|\.js:\d+:\d+\)/m;
/** What the progress bar draws: `\rsimulating <name> [####    ] 42%`. */
const PROGRESS = /\rsimulating central-cluster \[[# ]+\] \d+%/;

beforeAll(() => {
  if (!existsSync(`${ROOT}dist/cli/main.js`))
    throw new Error('dist/cli/main.js is missing: run `npm run build` first');
});

describe('brokerlab simulate topologies/central-cluster.yaml --duration 5s', () => {
  it('exits 0 and prints every fate, with the counts of the JSON result', () => {
    const text = brokerlab('simulate', CENTRAL, '--duration', '5s');
    expect({ status: text.status, stderr: text.stderr }).toEqual({ status: 0, stderr: '' });
    const json = JSON.parse(brokerlab('simulate', CENTRAL, '--duration', '5s', '--json').stdout);
    const f = json.fates;
    expect(f.sent).toBeGreaterThan(1_000);
    expect(text.stdout).toMatch(/^central-cluster: seed 42, 5s of sends/);
    const count = (n: number) => n.toLocaleString('en-US');
    for (const [label, n] of [
      ['sent', f.sent],
      ['delivered', f.delivered],
      ['lost', f.lost],
      ['stranded', f.stranded],
      ['in flight', f.inFlight],
      ['send failed', f.sendFailed],
      ['outcome unknown', f.unknown],
      ['dead-lettered', f.deadLettered],
      ['discarded', f.discarded],
      ['duplicates', json.duplicates],
    ] as const) {
      expect(text.stdout, label).toMatch(new RegExp(`^\\s*${label}\\s+${count(n)}(\\s|$)`, 'm'));
    }
    expect(text.stdout).toMatch(/^latency/m);
    expect(text.stdout).toMatch(/^faults: /m);
  });

  it('prints JSON in the brokerlab.result/1 format with --json', () => {
    const { status, stdout, stderr } = brokerlab('simulate', CENTRAL, '--duration', '5s', '--json');
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      format: 'brokerlab.result/1',
      topology: 'central-cluster',
      seed: 42,
      durationUs: 5_000_000,
    });
    const f = result.fates;
    expect(
      f.delivered +
        f.lost +
        f.stranded +
        f.inFlight +
        f.sendFailed +
        f.unknown +
        f.deadLettered +
        f.discarded,
    ).toBe(f.sent + f.fanout);
  });

  it('prints the same bytes when run twice, as text and as JSON', () => {
    for (const extra of [[], ['--json']]) {
      const first = brokerlab('simulate', CENTRAL, '--duration', '5s', ...extra);
      const second = brokerlab('simulate', CENTRAL, '--duration', '5s', ...extra);
      expect(first.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);
    }
  });
});

describe('brokerlab simulate --seed', () => {
  const sent = (seed: string) => {
    const run = brokerlab('simulate', CENTRAL, '--duration', '5s', '--seed', seed, '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.seed).toBe(Number(seed));
    return { sent: result.fates.sent as number, stdout: run.stdout };
  };

  it('changes the Poisson arrivals from one seed to another, and repeats them for the same seed', () => {
    const seven = sent('7');
    const eight = sent('8');
    expect(eight.sent).not.toBe(seven.sent);
    expect(sent('7').stdout).toBe(seven.stdout);
  });
});

describe('brokerlab simulate with bad usage', () => {
  it.each([
    ['a seed that is not a number', ['--seed', 'abc'], /--seed must be a whole number/],
    ['a seed beyond 32 bits', ['--seed', '4294967296'], /--seed must be a whole number/],
    ['a duration in apples', ['--duration', '5 apples'], /--duration must be a positive duration/],
    ['a duration without a unit', ['--duration', '5', 'apples'], /--duration must be a positive duration/],
    ['a zero duration', ['--duration', '0s'], /--duration must be a positive duration/],
  ])('%s exits 2 with one line and no stack trace', (_what, args, message) => {
    const { status, stdout, stderr } = brokerlab('simulate', CENTRAL, ...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).not.toContain('internal error');
  });

  it('a missing file exits 2 with one line naming it, and no stack trace', () => {
    const { status, stdout, stderr } = brokerlab(
      'simulate',
      'topologies/no-such-topology.yaml',
      '--duration',
      '5s',
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^topologies\/no-such-topology\.yaml:1:1: cannot read the topology: no such file\n$/,
    );
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});

describe('brokerlab simulate progress bar', () => {
  // About 3 s of work: past the 2 s after which a bar is drawn on a terminal.
  const LONG = ['bin/brokerlab.js', 'simulate', CENTRAL, '--duration', '90m'];
  const hasScript = existsSync('/usr/bin/script');

  it('draws nothing on stderr when stderr is not a terminal, even for a long run', async () => {
    const [piped, tty] = await Promise.all([
      spawnAsync(process.execPath, LONG),
      // The same run on a pseudo-terminal (util-linux `script`), to show the bar exists at all.
      hasScript
        ? spawnAsync('/usr/bin/script', ['-qec', [process.execPath, ...LONG].join(' '), '/dev/null'])
        : Promise.resolve(undefined),
    ]);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toContain('\r');
    expect(piped.stdout).toMatch(/^central-cluster: seed 42, /);
    // A machine fast enough to finish within the bar's 2 s grace would draw none: nothing to compare.
    if (tty && tty.ms > 2_500) {
      expect(tty.status).toBe(0);
      expect(tty.stdout).toMatch(PROGRESS);
    }
  });
});
