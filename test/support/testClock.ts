/**
 * A deterministic clock for xstate actors in tests (xstate's `Clock`: setTimeout/clearTimeout).
 * Unlike xstate's `SimulatedClock`, `advanceTo` runs due callbacks one at a time in (deadline,
 * insertion) order with `now()` set to each callback's own deadline, so a timer set from inside a
 * callback is measured from that deadline, and equal deadlines run in the order they were set.
 * Times are milliseconds; fractions are allowed.
 */
export class TestClock {
  private nowMs = 0;
  private nextId = 0;
  private readonly timers = new Map<number, { atMs: number; fn: () => void }>();

  now(): number {
    return this.nowMs;
  }

  /** Timers set and not yet run nor cleared. */
  pending(): number {
    return this.timers.size;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeoutMs: number): number {
    const id = this.nextId++;
    this.timers.set(id, { atMs: this.nowMs + timeoutMs, fn });
    return id;
  }

  clearTimeout(id: number): void {
    this.timers.delete(id);
  }

  /** Runs every timer due at or before `nowMs + ms`, then leaves the clock there. */
  advance(ms: number): void {
    this.advanceTo(this.nowMs + ms);
  }

  /** Runs every timer due at or before `targetMs`, then leaves the clock there. */
  advanceTo(targetMs: number): void {
    if (targetMs < this.nowMs) throw new Error(`cannot go back from ${this.nowMs} ms to ${targetMs} ms`);
    for (let id = this.nextDue(targetMs); id !== undefined; id = this.nextDue(targetMs)) {
      const timer = this.timers.get(id)!;
      this.timers.delete(id);
      this.nowMs = timer.atMs;
      timer.fn();
    }
    this.nowMs = targetMs;
  }

  /** @private The id of the earliest timer due by `targetMs`; ids grow, so the first wins a tie. */
  private nextDue(targetMs: number): number | undefined {
    let best: number | undefined;
    let bestAtMs = Number.POSITIVE_INFINITY;
    for (const [id, { atMs }] of this.timers) {
      if (atMs <= targetMs && atMs < bestAtMs) {
        best = id;
        bestAtMs = atMs;
      }
    }
    return best;
  }
}
