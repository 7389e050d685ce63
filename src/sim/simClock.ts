import type { ActorOptions, AnyActorLogic } from 'xstate';
import type { EventQueue } from './eventQueue.js';

/** xstate's `Clock` interface (the package does not export it by name). */
type XstateClock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/**
 * xstate v5's `Clock` (`setTimeout` / `clearTimeout`) on the simulated timeline: a machine's
 * delayed transitions (`after`, delayed `raise`/`sendTo`) become events on the engine's queue
 * instead of real timers. Two timers due at the same microsecond fire in the order they were set,
 * because the queue breaks ties by insertion; ids come from a counter, never from randomness.
 * Give it to an actor with `createActor(machine, { clock })`.
 *
 * The engine owns the loop: when it pops an event whose kind is `timerKind`, it calls
 * `fire(event.a)`. A cleared timer stays in the queue (removing from a heap is costly) but fires
 * nothing.
 */
export class SimClock implements XstateClock {
  private readonly pending = new Map<number, () => void>();
  private nextId = 1;

  /**
   * @param queue the engine's event queue
   * @param timerKind the event kind the engine dispatches to `fire`
   * @param now the current simulated time in integer microseconds
   */
  constructor(
    private readonly queue: EventQueue,
    private readonly timerKind: number,
    private readonly now: () => number,
  ) {}

  /** Number of timers set and neither fired nor cleared. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Schedules `fn` after `timeoutMs` milliseconds (fractions allowed), rounded to the nearest
   * microsecond. Like a real timer, a negative or NaN delay means "now" (after events already
   * queued for now). Returns the timer id.
   */
  setTimeout(fn: () => void, timeoutMs: number): number {
    const id = this.nextId++;
    // The id travels as an int32 payload word.
    if (id > MAX_TIMER_ID) throw new RangeError('SimClock: timer ids exhausted (2^31 - 1 timers)');
    const delayUs = timeoutMs > 0 ? Math.round(timeoutMs * 1000) : 0;
    this.queue.push(this.now() + delayUs, this.timerKind, id, 0);
    this.pending.set(id, fn);
    return id;
  }

  /** Cancels a pending timer; unknown or already fired ids are ignored, as with real timers. */
  clearTimeout(id: number): void {
    this.pending.delete(id);
  }

  /** Runs the timer's callback if it is still pending, and forgets it. */
  fire(id: number): void {
    const fn = this.pending.get(id);
    if (fn === undefined) return;
    this.pending.delete(id);
    fn();
  }
}

const MAX_TIMER_ID = 0x7fffffff;
