/**
 * Tests leave nothing in the temporary directory (HELPERS.md): every test file that makes a
 * temporary directory also removes it, recursively, when its suite ends or fails. Checked by
 * reading the sources, like tidy.test.ts, because other runs share the machine's tmpdir.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** A temporary directory made, and a recursive removal in an afterAll/afterEach hook or a finally block. */
const MAKES = /\bmkdtemp(Sync)?\(/;
const REMOVES = /\b(afterAll|afterEach|finally)\b[\s\S]*\brm(Sync)?\([^)]*recursive: true/;

describe('temporary directories made by tests', () => {
  it('are removed by the same file, in a hook that runs when a test fails too', () => {
    const leaking = files('test').filter((f) => {
      if (f.endsWith('tempDirectories.test.ts')) return false;
      const text = readFileSync(f, 'utf8');
      return MAKES.test(text) && !REMOVES.test(text);
    });
    expect(leaking).toEqual([]);
  });

  it('catches a file that makes one and forgets it', () => {
    const text = "dir = await mkdtemp(join(tmpdir(), 'brokerlab-x-'));";
    expect(MAKES.test(text) && !REMOVES.test(text)).toBe(true);
  });
});
