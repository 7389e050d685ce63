import { describe, expect, it } from 'vitest';
import { CopyState, isAtBroker, moveCopy } from '../../../src/sim/copyState.js';
import { CopyTable } from '../../../src/sim/messages.js';

function copyIn(state: CopyState): { copies: CopyTable; c: number } {
  const copies = new CopyTable(4);
  const c = copies.allocate(0, CopyState.Arriving, 0, 0);
  copies.state[c] = state;
  return { copies, c };
}

describe('copy states', () => {
  it('walks a copy through a delivery: arriving, accepted, pending, dispatched, acking, free', () => {
    const { copies, c } = copyIn(CopyState.Arriving);
    for (const to of [CopyState.Accepted, CopyState.Pending, CopyState.Dispatched, CopyState.Acking])
      moveCopy(copies, c, to);
    copies.free(c);
    expect(copies.state[c]).toBe(CopyState.Free);
  });

  it.each([
    ['Free', 'Dispatched'],
    ['Arriving', 'Dispatched'],
    ['Pending', 'Acking'],
    ['Acking', 'Dispatched'],
    ['Stored', 'Dispatched'],
    ['Journaling', 'Pending'],
  ] as const)('refuses %s -> %s', (from, to) => {
    const { copies, c } = copyIn(CopyState[from]);
    expect(() => moveCopy(copies, c, CopyState[to])).toThrow(`illegal move ${from} -> ${to}`);
  });

  it('refuses to free a copy twice', () => {
    const { copies, c } = copyIn(CopyState.Pending);
    copies.free(c);
    expect(() => copies.free(c)).toThrow('illegal move Free -> Free');
  });

  it('a broker holds every state but Free and Arriving', () => {
    expect(isAtBroker(CopyState.Free)).toBe(false);
    expect(isAtBroker(CopyState.Arriving)).toBe(false);
    for (const s of [CopyState.Accepted, CopyState.Pending, CopyState.Forwarding, CopyState.Stored])
      expect(isAtBroker(s)).toBe(true);
  });
});
