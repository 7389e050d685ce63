/**
 * The removal pass after fast-check's shrink. fast-check shrinks greedily and may leave a fault
 * the failure does not need (it never retries removing an early fault once it has moved on to
 * later ones or to the replicas). This pass is delta debugging's last step: drop each fault in
 * turn and keep the drop while the run still fails, then try the applications at fewer replicas
 * (the processes the faults name renamed onto the first replicas), and repeat until no single
 * removal still fails. Pure: it reruns through `run` and judges through `stillFails`.
 */
import { processName, resolveInstance } from '../topology/names.js';
import type { ScheduledFault, Topology } from '../topology/types.js';
import { scaledTopology } from './candidate.js';

export interface Attempt {
  replicas: number[];
  schedule: ScheduledFault[];
}

export interface RemovalPass<T extends Attempt> {
  result: T;
  droppedFaults: number;
  /** Runs the pass simulated. */
  tries: number;
}

export function removalPass<T extends Attempt>(
  topology: Topology,
  start: T,
  run: (attempt: Attempt) => T,
  stillFails: (trial: T) => boolean,
): RemovalPass<T> {
  let best = start;
  let droppedFaults = 0;
  let tries = 0;
  const attempt = (a: Attempt): boolean => {
    tries++;
    const trial = run(a);
    if (!stillFails(trial)) return false;
    best = trial;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < best.schedule.length; ) {
      if (attempt({ replicas: best.replicas, schedule: best.schedule.filter((_, j) => j !== i) })) {
        droppedFaults++;
        changed = true;
      } else i++;
    }
    for (let app = 0; app < best.replicas.length; app++) {
      for (const smaller of scaleDowns(topology, best, app)) {
        if (attempt(smaller)) {
          changed = true;
          break;
        }
      }
    }
  }
  return { result: best, droppedFaults, tries };
}

/**
 * Smaller sizes for one application, smallest first: as many replicas as the schedule names
 * processes of it (at least one), then halvings of the current size. The named processes are
 * renamed onto the first replicas, in their order.
 */
function scaleDowns(topology: Topology, current: Attempt, app: number): Attempt[] {
  const scaled = scaledTopology(topology, current.replicas);
  const appId = scaled.applications[app]!.id;
  const size = current.replicas[app]!;
  const indexOf = (name: string | null): number | undefined => {
    const ref = name === null ? undefined : resolveInstance(scaled, name);
    return ref?.kind === 'process' && ref.app.id === appId ? ref.index : undefined;
  };
  const named = [...new Set(current.schedule.flatMap((f) => [indexOf(f.target), indexOf(f.peer)]))].filter(
    (i): i is number => i !== undefined,
  );
  named.sort((a, b) => a - b);
  const least = Math.max(1, named.length);
  const sizes = new Set<number>([least]);
  for (let s = size >> 1; s > least; s >>= 1) sizes.add(s);
  const renamed = new Map(named.map((index, i) => [processName(appId, index), processName(appId, i)]));
  const rename = (name: string): string => renamed.get(name) ?? name;
  const schedule = current.schedule.map((f) => ({
    ...f,
    target: rename(f.target),
    peer: f.peer === null ? null : rename(f.peer),
  }));
  return [...sizes]
    .filter((s) => s < size)
    .sort((a, b) => a - b)
    .map((s) => ({ replicas: current.replicas.map((r, i) => (i === app ? s : r)), schedule }));
}
