/**
 * Lifecycle machines (src/machines) on the engine. Each broker and link owns one `Lifecycle`: its
 * xstate snapshot is the only lifecycle state there is. An event steps the machine with xstate's
 * pure transition, which returns the next snapshot and the actions as data; the snapshot is
 * committed first, then the named actions become typed effects that the owner applies, in order,
 * and then the machine's delayed events (`after`) are scheduled on the engine's queue, in
 * microseconds, or cancelled. xstate runs no action, reads no clock and sets no timer.
 *
 * Ordering, as an xstate actor has it (so that runs stay comparable): an event sent to a machine
 * while it is applying effects waits in its mailbox until the current step is done; an event sent
 * to another machine is stepped at once.
 */
import {
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventFromLogic,
  type InputFrom,
} from 'xstate';
import { Ev } from './events.js';
import type { MachineAction } from './transitionMemo.js';
import type { World } from './world.js';

export interface Lifecycle<M extends AnyStateMachine = AnyStateMachine> {
  /** Index in `World.lifecycles`: a timer event names its machine by it. */
  readonly index: number;
  readonly machine: M;
  snapshot: AnyMachineSnapshot;
  /** Applies one of the machine's named actions (its owner's switch throws on an unknown one). */
  readonly apply: (effect: string) => void;
  /** Delayed events waiting on the engine's queue: xstate's id, the queue token, the event. */
  timers: { id: string; token: number; event: EventFromLogic<M> }[];
  nextToken: number;
  /** Applying the effects of a step: events sent now wait in `mailbox`. */
  busy: boolean;
  mailbox: EventFromLogic<M>[];
}

/** Creates a machine instance in its initial state (no machine here runs an initial effect). */
export function newLifecycle<M extends AnyStateMachine, E extends string>(
  w: World,
  machine: M,
  input: InputFrom<M>,
  apply: (effect: E) => void,
): Lifecycle<M> {
  if (!scopes.has(machine)) scopes.set(machine, inertScope(machine, input));
  const snapshot = w.transitions.initial(machine, input);
  const lifecycle: Lifecycle<M> = {
    index: w.lifecycles.length,
    machine,
    snapshot,
    apply: apply as (effect: string) => void,
    timers: [],
    nextToken: 1,
    busy: false,
    mailbox: [],
  };
  w.lifecycles.push(lifecycle as unknown as Lifecycle);
  return lifecycle;
}

/** The machine's current state (these machines are flat: the value is a state name). */
export function stateOf(l: Lifecycle): string {
  return l.snapshot.value as string;
}

/**
 * Sends `event` to the machine: steps it now, or after the step in progress if it is applying
 * effects. An event the current state does not handle is dropped without a step (it could not
 * change anything), which keeps reconnect storms and repeated STOPs cheap.
 */
export function sendLifecycle<M extends AnyStateMachine>(
  w: World,
  l: Lifecycle<M>,
  event: EventFromLogic<M>,
): void {
  if (l.busy) {
    l.mailbox.push(event);
    return;
  }
  l.busy = true;
  let next: EventFromLogic<M> | undefined = event;
  while (next !== undefined) {
    step(w, l, next);
    next = l.mailbox.shift();
  }
  l.busy = false;
}

/** A delayed event of a machine is due (Ev.Timer: a = lifecycle index, b = token). */
export function onLifecycleTimer(w: World, index: number, token: number): void {
  const l = w.lifecycles[index]!;
  const i = l.timers.findIndex((t) => t.token === token);
  if (i < 0) return; // cancelled
  const [timer] = l.timers.splice(i, 1);
  sendLifecycle(w, l, timer!.event);
}

function step<M extends AnyStateMachine>(w: World, l: Lifecycle<M>, event: EventFromLogic<M>): void {
  if (!handles(l, event.type)) return;
  const { next, actions } = w.transitions.step(l.machine, scopes.get(l.machine)!, l.snapshot, event);
  if (next.status !== 'active') throw new Error(`lifecycle ${l.machine.id}: snapshot status ${next.status}`);
  l.snapshot = next;
  const timerOps: Action[] = [];
  for (const action of actions) {
    if (action.type === 'xstate.raise' || action.type === 'xstate.cancel') timerOps.push(action);
    else if (action.type.startsWith('xstate.')) throw new Error(`lifecycle ${l.machine.id}: ${action.type}`);
    else l.apply(action.type);
  }
  for (const op of timerOps) applyTimerOp(w, l, op);
}

type Action = MachineAction;

/** xstate defers timers to after a step's actions; so do we. */
function applyTimerOp<M extends AnyStateMachine>(w: World, l: Lifecycle<M>, op: Action): void {
  if (op.type === 'xstate.cancel') {
    const { sendId } = op.params as { sendId: string };
    l.timers = l.timers.filter((t) => t.id !== sendId);
    return;
  }
  const { event, id, delay } = op.params as { event: EventFromLogic<M>; id: string; delay?: number };
  if (delay === undefined) return; // an immediate raise was taken within the step
  if (!Number.isFinite(delay) || delay < 0) throw new Error(`lifecycle ${l.machine.id}: delay ${delay} us`);
  const token = l.nextToken++;
  l.timers.push({ id, token, event });
  w.queue.push(w.now + Math.round(delay), Ev.Timer, l.index, token);
}

/** @private Per machine and state name: the event types that state (or the root) handles. */
const handledEvents = new WeakMap<AnyStateMachine, Map<string, ReadonlySet<string>>>();

function handles(l: Lifecycle, type: string): boolean {
  let byState = handledEvents.get(l.machine);
  if (!byState) {
    byState = new Map();
    handledEvents.set(l.machine, byState);
  }
  const state = stateOf(l);
  let events = byState.get(state);
  if (!events) {
    const node = l.machine.states[state];
    if (!node) throw new Error(`lifecycle ${l.machine.id}: unknown state ${state}`);
    events = new Set([...node.events, ...l.machine.root.ownEvents]);
    byState.set(state, events);
  }
  return events.has(type);
}

/**
 * @private One inert actor scope per machine, reused for every step: what xstate's `transition()`
 * builds anew on each call (an unstarted actor that never runs anything), without its cost. The
 * scope's executor only collects the actions of the step in progress.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function inertScope(machine: AnyStateMachine, input: unknown): AnyActorScope {
  return (createActor(machine, { input }) as unknown as { _actorScope: AnyActorScope })._actorScope;
}
