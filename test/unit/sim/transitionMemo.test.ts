import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyActorScope, createActor, initialTransition, transition } from 'xstate';
import {
  type FailoverEvent,
  type FailoverInput,
  failoverMachine,
} from '../../../src/machines/failoverMachine.js';
import { TransitionMemo } from '../../../src/sim/transitionMemo.js';

const input: FailoverInput = {
  initialReconnectDelayUs: 10_000,
  maxReconnectDelayUs: 30_000_000,
  backOffMultiplier: 2,
  useExponentialBackOff: true,
  maxReconnectAttempts: -1,
  reconnect: true,
};

function inertScope(): AnyActorScope {
  return (createActor(failoverMachine, { input }) as unknown as { _actorScope: AnyActorScope })._actorScope;
}

const eventArb: fc.Arbitrary<FailoverEvent> = fc.oneof(
  fc.constant({ type: 'START' as const }),
  fc.constantFrom('a', 'b').map((broker) => ({ type: 'CONNECTED' as const, broker })),
  fc.constantFrom(0, 1_000, 2_000).map((attemptUs) => ({ type: 'CONNECT_FAILED' as const, attemptUs })),
  fc.constant({ type: 'TRANSPORT_FAILED' as const }),
);

describe('TransitionMemo', () => {
  it('steps like xstate for any event sequences sharing one memo, and hands an equal step the same result', () => {
    // Several machines through one memo, as a run's connections go: their shared prefixes meet
    // the same snapshots, where a different event (or payload) must not get another's step.
    fc.assert(
      fc.property(fc.array(fc.array(eventArb, { maxLength: 12 }), { minLength: 2, maxLength: 6 }), (runs) => {
        const memo = new TransitionMemo();
        const scope = inertScope();
        for (const events of runs) {
          let memoized = memo.initial(failoverMachine, input);
          let [plain] = initialTransition(failoverMachine, input);
          for (const event of events) {
            if (failoverMachine.getTransitionData(memoized, event).length === 0) continue;
            const step = memo.step(failoverMachine, scope, memoized, event);
            expect(memo.step(failoverMachine, scope, memoized, { ...event })).toBe(step);
            const [next, actions] = transition(failoverMachine, plain, event);
            expect(step.next.value).toEqual(next.value);
            expect(step.next.context).toEqual(next.context);
            expect(step.actions.map((a) => [a.type, a.params])).toEqual(
              actions.map((a) => [a.type, a.params]),
            );
            memoized = step.next;
            plain = next;
          }
        }
      }),
    );
  });

  it('shares the initial snapshot between equal inputs only', () => {
    const memo = new TransitionMemo();
    const first = memo.initial(failoverMachine, input);
    expect(memo.initial(failoverMachine, { ...input })).toBe(first);
    expect(memo.initial(failoverMachine, { ...input, maxReconnectAttempts: 3 })).not.toBe(first);
    // JSON would turn Infinity into null: the key keeps them apart.
    const infinite = memo.initial(failoverMachine, {
      ...input,
      maxReconnectDelayUs: Number.POSITIVE_INFINITY,
    });
    expect(
      memo.initial(failoverMachine, { ...input, maxReconnectDelayUs: null as unknown as number }),
    ).not.toBe(infinite);
    // Nor may a string that spells the tag (found in review).
    expect(
      memo.initial(failoverMachine, { ...input, maxReconnectDelayUs: '#Infinity' as unknown as number }),
    ).not.toBe(infinite);
  });
});
