/** The files README's examples write (`--html report.html`, `--html sweep.html`) are git-ignored, so a checkout stays clean. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('outputs of the README examples', () => {
  it('are listed in .gitignore', () => {
    const written = [...readFileSync('README.md', 'utf8').matchAll(/--(?:html|out) ([\w.-]+\.\w+)/g)].map(
      (m) => m[1]!,
    );
    expect(written).toEqual(expect.arrayContaining(['report.html', 'sweep.html']));
    const ignored = new Set(readFileSync('.gitignore', 'utf8').split('\n'));
    expect(written.filter((f) => !ignored.has(`/${f}`) && !ignored.has(f))).toEqual([]);
  });
});
