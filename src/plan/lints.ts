/**
 * Warnings a plan earns before any simulation, each with the ActiveMQ fact behind it
 * (../shared/MODEL.md). One function per lint; `lintPlan` runs them all.
 */

import { plural } from '../text/plural.js';
import { humanDurationUs } from '../topology/units.js';
import type { Lint, Plan } from './types.js';

type LintInput = Omit<Plan, 'lints'>;
type Rule = (plan: LintInput) => Lint[];

/** Above this many bridges a mesh is an operational burden of its own. */
const MESH_BRIDGES_WARNING = 45;

const appServerEmbedding: Rule = ({ processes }) => {
  // Only processes that embed a broker: none in layout central, only producers in a hybrid.
  const embedding = processes.filter((p) => p.host === 'appserver' && p.embeddedBroker !== null);
  const apps = [...new Set(embedding.map((p) => p.app))];
  if (apps.length === 0) return [];
  return [
    {
      id: 'appserver-embedding',
      severity: 'warning',
      message: `${apps.join(', ')} embed${apps.length === 1 ? 's' : ''} a broker inside an application server`,
      reason:
        'the server ships its own JMS jars: ClassLoader conflicts (NoSuchMethodError) and activemq-all bundling slf4j are the known costs of embedding there',
    },
  ];
};

const sharedStoreWithoutKeepAlive: Rule = ({ topology: t, ha }) => {
  const c = t.cluster;
  if (!c || ha?.locking !== 'lock' || c.lock.lockKeepAlivePeriodUs !== 0) return [];
  return [
    {
      id: 'lock-keepalive-off',
      severity: 'error',
      message: `${c.ha} master/slave with lockKeepAlivePeriod 0`,
      reason:
        'without keep-alive a master that lost its lock keeps writing: two masters on one store (split brain) and a corrupted store',
    },
  ];
};

const lockNeverReleased: Rule = ({ topology: t, ha }) => {
  const c = t.cluster;
  if (!c || ha?.locking !== 'lock' || c.lock.releaseOnCrash !== 'never') return [];
  return [
    {
      id: 'lock-never-released',
      severity: 'warning',
      message: 'the store lock is never released when the master dies (lockRelease: never)',
      reason: 'on NFSv3 a dead master keeps its lock: no slave takes over until an operator intervenes',
    },
  ];
};

const meshGrowth: Rule = ({ bridgeSets }) =>
  bridgeSets
    .filter((s) => s.kind === 'mesh' && s.bridges > MESH_BRIDGES_WARNING)
    .map((s) => ({
      id: 'mesh-growth',
      severity: 'warning' as const,
      message: `a full mesh of ${s.kind === 'mesh' ? s.brokers.length : 0} brokers needs ${s.bridges.toLocaleString('en-US')} bridges`,
      reason:
        'a mesh grows as N(N-1)/2: every broker added bridges to every other, each with its own connection, consumer advertisements and reconnect loop',
    }));

const singlePointOfFailure: Rule = ({ topology: t, ha }) => {
  const c = t.cluster;
  if (!c) return [];
  const lints: Lint[] = [];
  if (c.brokers === 1) {
    lints.push({
      id: 'single-point-of-failure',
      severity: 'warning',
      message: 'the cluster is a single broker',
      reason:
        'while it is down no client can send or receive through it; its failover URI has nowhere else to go',
    });
  }
  if (ha?.store === 'shared' && c.store.kind !== 'memory') {
    lints.push({
      id: 'shared-store-single-copy',
      severity: 'info',
      message: `the whole cluster keeps its messages in one ${c.store.kind === 'jdbc' ? 'database' : 'shared store'}`,
      reason:
        'losing that storage loses every unconsumed message of the cluster unless the storage itself is redundant',
    });
  }
  if (ha?.locking === 'quorum' && c.brokers < 3) {
    lints.push({
      id: 'replicated-quorum',
      severity: 'warning',
      message: `a replicated store with ${plural(c.brokers, 'broker')}`,
      reason:
        'replication elects a master by quorum; with fewer than 3 replicas one failure leaves no quorum',
    });
  }
  return lints;
};

const nonPersistentUnderNoLoss: Rule = ({ topology: t }) => {
  if (t.guarantees.lostAcknowledged === undefined) return [];
  const lints: Lint[] = [];
  const apps = t.applications.filter((a) => a.producers.some((p) => !p.persistent)).map((a) => a.id);
  if (apps.length > 0) {
    lints.push({
      id: 'non-persistent-under-no-loss',
      severity: 'warning',
      message: `${apps.join(', ')} send${apps.length === 1 ? 's' : ''} non-persistent messages under a lostAcknowledged guarantee`,
      reason:
        'non-persistent messages live in broker memory only: none survives a broker restart, not even a clean one',
    });
  }
  const memoryStore =
    (t.layout !== 'central' && t.embedded?.store.kind === 'memory') ||
    (t.layout !== 'embedded' && t.cluster?.store.kind === 'memory');
  if (memoryStore) {
    lints.push({
      id: 'memory-store-under-no-loss',
      severity: 'warning',
      message: 'a broker with store `memory` under a lostAcknowledged guarantee',
      reason: 'broker.persistent=false keeps every message in memory: a restart loses all of them',
    });
  }
  return lints;
};

const asyncUnderNoLoss: Rule = ({ topology: t }) => {
  if (t.guarantees.lostAcknowledged === undefined) return [];
  const apps = t.applications.filter((a) => a.producers.some((p) => p.sendMode === 'async')).map((a) => a.id);
  if (apps.length === 0) return [];
  return [
    {
      id: 'async-under-no-loss',
      severity: 'warning',
      message: `${apps.join(', ')} use${apps.length === 1 ? 's' : ''} async sends under a lostAcknowledged guarantee`,
      reason:
        'with useAsyncSend the producer never waits: whatever is in flight at a broker failure is lost silently',
    },
  ];
};

const unsyncedJournalUnderNoLoss: Rule = ({ topology: t, stores }) => {
  if (t.guarantees.lostAcknowledged === undefined) return [];
  const loose = new Set(
    stores
      .filter((s) => s.persistent && s.kind === 'kahadb' && s.syncStrategy !== 'always')
      .map((s) => s.syncStrategy),
  );
  return [...loose].map((strategy) => ({
    id: 'unsynced-journal-under-no-loss',
    severity: 'warning' as const,
    message: `journalDiskSyncStrategy \`${strategy}\` under a lostAcknowledged guarantee`,
    reason:
      strategy === 'periodic'
        ? 'acknowledged writes wait up to journalDiskSyncInterval for their fsync: a process kill loses those still queued, a power loss those not yet synced'
        : 'the OS decides when the journal reaches the disk: a power loss drops up to its writeback window of acknowledged messages',
  }));
};

const ephemeralStore: Rule = ({ stores }) => {
  const ephemeral = stores.filter((s) => s.persistent && s.ephemeral);
  if (ephemeral.length === 0) return [];
  return [
    {
      id: 'ephemeral-store',
      severity: 'warning',
      message: `${plural(ephemeral.length, 'store')} on ephemeral container storage`,
      reason:
        'a store on the container filesystem without a volume is lost at every restart: each restart is a disk loss',
    },
  ];
};

const memoryEmbedded: Rule = ({ topology: t }) => {
  if (t.layout === 'central' || t.embedded?.store.kind !== 'memory') return [];
  return [
    {
      id: 'embedded-memory-store',
      severity: 'info',
      message: 'embedded brokers without persistence (vm://...?broker.persistent=false)',
      reason:
        "Spring Boot's auto-configuration does this when no broker URL is set: every queued message is gone at each restart",
    },
  ];
};

const strandedByEmbedding: Rule = ({ topology: t, figures }) => {
  if (t.layout === 'central' || t.embedded?.store.kind === 'memory' || figures.embeddedBrokers < 2) return [];
  const restart = Math.max(...t.applications.map((a) => a.restartUs));
  return [
    {
      id: 'stranded-on-crash',
      severity: 'info',
      message: `each of ${figures.embeddedBrokers.toLocaleString('en-US')} embedded stores holds its messages while its process is down (restart ${humanDurationUs(restart)})`,
      reason: 'persistent messages wait in the local store until that same process restarts on the same disk',
    },
  ];
};

const consumerless: Rule = ({ topology: t }) => {
  const consumed = new Set(t.applications.flatMap((a) => a.consumers.map((c) => c.destination)));
  const produced = [...new Set(t.applications.flatMap((a) => a.producers.map((p) => p.destination)))];
  return produced
    .filter((d) => !consumed.has(d))
    .map((d) => ({
      id: 'no-consumer',
      severity: 'warning' as const,
      message: `destination \`${d}\` has producers but no consumer`,
      reason: 'its messages accumulate until producer flow control blocks the senders',
    }));
};

const storeBudget: Rule = ({ topology: t, figures }) => {
  const limit = t.guarantees.maxPersistentStores;
  if (limit === undefined || figures.persistentStores <= limit) return [];
  return [
    {
      id: 'too-many-stores',
      severity: 'error',
      message: `${figures.persistentStores.toLocaleString('en-US')} persistent stores, more than the guaranteed maximum of ${limit}`,
      reason: 'every persistent store must be backed up, monitored and restored on its own disk',
    },
  ];
};

const RULES: Rule[] = [
  appServerEmbedding,
  sharedStoreWithoutKeepAlive,
  lockNeverReleased,
  meshGrowth,
  singlePointOfFailure,
  nonPersistentUnderNoLoss,
  asyncUnderNoLoss,
  unsyncedJournalUnderNoLoss,
  ephemeralStore,
  memoryEmbedded,
  strandedByEmbedding,
  consumerless,
  storeBudget,
];

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function lintPlan(plan: LintInput): Lint[] {
  return RULES.flatMap((rule) => rule(plan)).sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
