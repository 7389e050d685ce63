/**
 * The simulator's modules import each other without a cycle (type-only imports aside): lifecycle
 * changes reach the message path through notices (notices.ts, reactions.ts), never by a call
 * back into dispatch. The message-path modules form a tree under arrival.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SIM = 'src/sim';

function runtimeImports(file: string): string[] {
  const text = readFileSync(join(SIM, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from '\.\/([A-Za-z]+)\.js';/gms)) {
    if (!m[1]) out.push(`${m[2]}.ts`);
  }
  return out;
}

function graph(): Map<string, string[]> {
  const files = readdirSync(SIM).filter((f) => f.endsWith('.ts'));
  return new Map(files.map((f) => [f, runtimeImports(f)]));
}

/** A cycle through `start`'s imports, as a path, or undefined. */
function findCycle(g: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string): string[] | undefined => {
    if (state.get(f) === 'done') return undefined;
    if (state.get(f) === 'open') return [...path.slice(path.indexOf(f)), f];
    state.set(f, 'open');
    path.push(f);
    for (const next of g.get(f) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(f, 'done');
    return undefined;
  };
  for (const f of g.keys()) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('src/sim imports', () => {
  it('have no cycle', () => {
    expect(findCycle(graph())).toBeUndefined();
  });

  it('keep the message path a tree: links, consumers and journal never import dispatch callers', () => {
    const g = graph();
    expect(g.get('links.ts')).not.toContain('dispatch.ts');
    expect(g.get('links.ts')).not.toContain('consumers.ts');
    expect(g.get('links.ts')).not.toContain('forwarding.ts');
    expect(g.get('forwarding.ts')).not.toContain('dispatch.ts');
    expect(g.get('dispatch.ts')).not.toContain('arrival.ts');
    expect(g.get('brokers.ts')).not.toContain('dispatch.ts');
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    expect(
      findCycle(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['a.ts']],
        ]),
      ),
    ).toEqual(['a.ts', 'b.ts', 'a.ts']);
  });
});
