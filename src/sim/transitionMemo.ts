/**
 * Memos of xstate's pure transitions for one run. A transition costs ~25 us, and a run starts a
 * hundred identical connections through the same few steps (a central cluster's clients, a
 * mesh's bridges), so each (snapshot, event) is stepped once: a snapshot is never changed in
 * place, and the same snapshot and event give the same next snapshot and actions. Keys are JSON
 * (machine inputs and events hold only numbers, strings and booleans). The memo lives as long as
 * its World, so a long check does not accumulate the snapshots of every run it made.
 */
import { type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, initialTransition } from 'xstate';

export interface MachineAction {
  type: string;
  params?: unknown;
}

export interface Step {
  next: AnyMachineSnapshot;
  actions: MachineAction[];
}

export class TransitionMemo {
  private readonly initials = new Map<AnyStateMachine, Map<string, AnyMachineSnapshot>>();
  private readonly steps = new WeakMap<AnyMachineSnapshot, Map<string, Step>>();

  /** The machine's initial snapshot for `input` (no machine here runs an initial action). */
  initial(machine: AnyStateMachine, input: unknown): AnyMachineSnapshot {
    const byInput = innerMap(this.initials, machine);
    const key = memoKey(input);
    const known = byInput.get(key);
    if (known) return known;
    const [snapshot, actions] = initialTransition(machine, input);
    if (actions.length > 0) throw new Error(`lifecycle ${machine.id}: initial actions are not supported`);
    byInput.set(key, snapshot);
    return snapshot;
  }

  /** The next snapshot and the actions of `event` in `snapshot`, stepped with the inert `scope`. */
  step(
    machine: AnyStateMachine,
    scope: AnyActorScope,
    snapshot: AnyMachineSnapshot,
    event: { type: string },
  ): Step {
    const byEvent = innerMap(this.steps, snapshot);
    const key = memoKey(event);
    const known = byEvent.get(key);
    if (known) return known;
    const actions: MachineAction[] = [];
    scope.actionExecutor = (action: MachineAction) => {
      actions.push(action);
    };
    const step = { next: machine.transition(snapshot, event, scope), actions };
    byEvent.set(key, step);
    return step;
  }
}

/** The map that `outer` keeps under `key`, made empty the first time. */
function innerMap<K extends object, V>(
  outer: Map<K, Map<string, V>> | WeakMap<K, Map<string, V>>,
  key: K,
): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/**
 * JSON, except that a non-finite number or undefined keeps a key of its own (JSON makes them null
 * or drops them): an object no string or number serializes to.
 */
function memoKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return { '#number': String(v) };
    if (v === undefined) return { '#undefined': true };
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint')
      throw new Error(`lifecycle: cannot memoize a transition keyed by a ${typeof v}`);
    return v;
  });
}
