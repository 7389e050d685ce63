/**
 * What the schema cannot say: names that must refer to something, and settings that contradict
 * each other. Paths point into the document, whose lists the Topology keeps in the same order.
 */
import { faultKindSpec, hits } from '../model/faultKinds.js';
import { haModeSpec } from '../model/haModes.js';
import { quote } from '../text/quote.js';
import { acceptsTarget, canSuffer } from './faultTargets.js';
import type { DocPath, PathIssue } from './issues.js';
import { explainUnknownInstance, resolveInstance, SHARED_STORE_TARGET } from './names.js';
import type { FaultKind, Topology } from './types.js';

/**
 * Processes in all, the sum of every application's replicas. One application may have 100,000
 * (the schema's limit); a thousand of them would make a plan of 100 million processes that no
 * command finishes, so the whole topology shares the same limit.
 */
export const MAX_PROCESSES = 100_000;

export function checkReferences(t: Topology): PathIssue[] {
  return [...checkSize(t), ...checkNames(t), ...checkLayout(t), ...checkCluster(t), ...checkFaults(t)];
}

function checkSize(t: Topology): PathIssue[] {
  const processes = t.applications.reduce((sum, a) => sum + a.replicas, 0);
  if (processes <= MAX_PROCESSES) return [];
  return [
    {
      path: ['applications'],
      message: `the applications have ${processes.toLocaleString('en-US')} processes in all; brokerlab plans at most ${MAX_PROCESSES.toLocaleString('en-US')}`,
      hint: 'lower the replicas: the trends show at a few hundred processes (try `brokerlab sweep`)',
    },
  ];
}

function checkNames(t: Topology): PathIssue[] {
  const issues: PathIssue[] = [];
  const destinations = new Map<string, number>();
  t.destinations.forEach((d, i) => {
    if (destinations.has(d.name)) {
      issues.push({
        path: ['destinations', i, 'name'],
        message: `destination ${quote(d.name)} is declared twice`,
        hint: `remove one of destinations[${destinations.get(d.name)}] and destinations[${i}]`,
      });
    }
    destinations.set(d.name, i);
  });
  const apps = new Map<string, number>();
  t.applications.forEach((a, i) => {
    if (apps.has(a.id))
      issues.push({
        path: ['applications', i, 'id'],
        message: `application id \`${a.id}\` is used twice`,
        hint: 'give every application its own id',
      });
    apps.set(a.id, i);
    // Fault targets name applications, processes, brokers and the shared store alike.
    if (t.cluster && /^broker(-\d+)?$/.test(a.id)) {
      issues.push({
        path: ['applications', i, 'id'],
        message: `application id \`${a.id}\` reads like a cluster broker's name (broker-0, broker-1, ...)`,
        hint: 'rename the application',
      });
    }
    if (a.id === SHARED_STORE_TARGET && t.cluster) {
      issues.push({
        path: ['applications', i, 'id'],
        message: 'application id `shared-store` is the name fault targets use for the cluster store',
        hint: 'rename the application',
      });
    }
    const known = [...destinations.keys()];
    const check = (kind: 'producers' | 'consumers', j: number, name: string) => {
      if (!destinations.has(name)) {
        issues.push({
          path: ['applications', i, kind, j, 'destination'],
          message: `${kind === 'producers' ? 'producer' : 'consumer'} of ${a.id} uses destination ${quote(name)}, which is not declared`,
          hint:
            known.length > 0
              ? `declare it under destinations, or use one of: ${known.join(', ')}`
              : 'declare it under destinations',
        });
      }
    };
    a.producers.forEach((p, j) => {
      check('producers', j, p.destination);
    });
    a.consumers.forEach((c, j) => {
      check('consumers', j, c.destination);
    });
  });
  return issues;
}

function checkLayout(t: Topology): PathIssue[] {
  const issues: PathIssue[] = [];
  const network = t.embedded?.network ?? 'none';
  if (t.layout === 'central') {
    if (!t.cluster)
      issues.push({
        path: [],
        message: 'layout `central` needs a `cluster` block',
        hint: 'add cluster: {brokers: 2, ha: shared-store}',
      });
    if (t.embedded)
      issues.push({
        path: ['embedded'],
        atKey: true,
        message: 'an `embedded` block does nothing in layout `central`',
        hint: 'remove it, or choose layout `embedded` or `hybrid`',
      });
  }
  if (t.layout === 'embedded') {
    if (network === 'hub' && !t.cluster) {
      issues.push({
        path: ['embedded', 'network'],
        message: 'network `hub` needs a central cluster to act as the hub',
        hint: 'add a `cluster` block, or use network `mesh` or `none`',
      });
    }
    if (network !== 'hub' && t.cluster) {
      issues.push({
        path: ['cluster'],
        atKey: true,
        message: `a \`cluster\` block does nothing in layout \`embedded\` with network \`${network}\``,
        hint: 'remove it, set embedded.network to `hub`, or choose layout `hybrid`',
      });
    }
  }
  if (t.layout === 'hybrid') {
    if (!t.cluster)
      issues.push({
        path: [],
        message: 'layout `hybrid` needs a `cluster` block for the embedded brokers to forward to',
        hint: 'add cluster: {brokers: 2, ha: shared-store}',
      });
    if (network !== 'none') {
      issues.push({
        path: ['embedded', 'network'],
        message: `layout \`hybrid\` already bridges every embedded broker to the cluster; network \`${network}\` contradicts it`,
        hint: 'remove embedded.network',
      });
    }
  }
  return issues;
}

function checkCluster(t: Topology): PathIssue[] {
  const c = t.cluster;
  if (!c) return [];
  const issues: PathIssue[] = [];
  if (c.ha === 'none' && c.brokers > 1) {
    issues.push({
      path: ['cluster', 'brokers'],
      message: `ha \`none\` with ${c.brokers} brokers: independent brokers do not share messages`,
      hint: 'use ha `network-of-brokers` to connect them, or a master/slave mode',
    });
  }
  const storeKinds = haModeSpec(c.ha).storeKinds;
  if (!storeKinds.includes(c.store.kind)) {
    const [message, hint] =
      storeKinds[0] === 'jdbc'
        ? [
            `ha \`${c.ha}\` keeps messages in the database, not in store \`${c.store.kind}\``,
            'set store to `jdbc` or remove it',
          ]
        : c.store.kind === 'jdbc'
          ? [`store \`jdbc\` with ha \`${c.ha}\``, 'use ha `jdbc` for a database store']
          : [
              `ha \`${c.ha}\` needs a persistent store; \`${c.store.kind}\` keeps nothing to share or replicate`,
              `use store \`${storeKinds[0]}\``,
            ];
    issues.push({ path: ['cluster', 'store'], message, hint });
  }
  return issues;
}

function checkFaults(t: Topology): PathIssue[] {
  const issues: PathIssue[] = [];
  // Faults may also hit during the drain, while messages are still settling.
  const endUs = t.simulation.durationUs + t.simulation.drainUs;
  t.faults.schedule.forEach((f, i) => {
    const path: DocPath = ['faults', 'schedule', i];
    issues.push(...checkTarget(t, f.kind, f.target, [...path, 'target']));
    if (f.peer !== null) {
      if (!faultKindSpec(f.kind).peer)
        issues.push({
          path: [...path, 'peer'],
          message: `\`peer\` only applies to a partition, not to ${f.kind}`,
          hint: 'remove it',
        });
      else issues.push(...checkTarget(t, f.kind, f.peer, [...path, 'peer']));
      if (f.peer === f.target)
        issues.push({
          path: [...path, 'peer'],
          message: 'a partition needs two different sides',
          hint: 'name another process or broker as peer',
        });
    }
    if (f.atUs >= endUs)
      issues.push({
        path: [...path, 'at'],
        message: 'this fault comes after the end of the run (simulation.duration + simulation.drain)',
        hint: 'move it earlier, or lengthen simulation.duration or simulation.drain',
      });
  });
  t.faults.random.forEach((f, i) => {
    f.targets.forEach((name, j) => {
      const path: DocPath = ['faults', 'random', i, 'targets', j];
      const app = t.applications.find((a) => a.id === name);
      if (app) {
        // An application id stands for its replicas, which have no store in layout central.
        if (!acceptsTarget(t, f.kind, { kind: 'process', app, index: 0 }) && hits(f.kind, 'store'))
          issues.push({
            path,
            message: `application ${quote(name)} has no store: in layout \`central\` the messages are on the brokers`,
            hint: 'target a broker or the shared store',
          });
        if (hits(f.kind, 'process') || hits(f.kind, 'store')) return;
      }
      issues.push(...checkTarget(t, f.kind, name, path));
    });
    if (f.targets.length === 0 && !canSuffer(t, f.kind)) {
      issues.push({
        path: ['faults', 'random', i, 'kind'],
        message: `nothing in this topology can suffer ${f.kind}`,
        hint: 'remove this random fault',
      });
    }
  });
  t.faults.search.kinds.forEach((kind, i) => {
    if (!canSuffer(t, kind))
      issues.push({
        path: ['faults', 'search', 'kinds', i],
        message: `nothing in this topology can suffer ${kind}`,
        hint: 'remove it from faults.search.kinds',
      });
  });
  return issues;
}

function checkTarget(t: Topology, kind: FaultKind, name: string, path: DocPath): PathIssue[] {
  const ref = resolveInstance(t, name);
  if (!ref) return [{ path, message: `fault target ${explainUnknownInstance(t, name)}` }];
  if (acceptsTarget(t, kind, ref)) return [];
  const issue = (message: string, hint: string): PathIssue[] => [{ path, message, hint }];
  if (ref.kind === 'process' && hits(kind, 'store'))
    return issue(
      `${quote(name)} has no store: in layout \`central\` the messages are on the brokers`,
      'target a broker or the shared store',
    );
  if (ref.kind === 'broker' && hits(kind, 'store'))
    return issue(
      `the brokers of a ${t.cluster?.ha} cluster have no store of their own`,
      `target \`${SHARED_STORE_TARGET}\` instead`,
    );
  const what = ref.kind === 'shared-store' ? 'the shared store' : `a ${ref.kind}`;
  return issue(
    `${kind} cannot hit ${quote(name)}, which is ${what}`,
    ref.kind === 'process' && hits(kind, 'broker')
      ? 'an embedded broker dies with its process: use `process-crash`'
      : `${kind} can hit: ${faultKindSpec(kind)
          .hits.map((c) => CLASS_WORDS[c])
          .join(', ')}`,
  );
}

/** How a hint names each target class. */
const CLASS_WORDS = {
  process: 'process',
  broker: 'broker',
  store: `store (named by its process or broker, or \`${SHARED_STORE_TARGET}\`)`,
} as const;
