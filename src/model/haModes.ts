/**
 * What each cluster HA mode means, in one table (MODEL.md; W:masterslave,
 * W:networks-of-brokers): how many stores the brokers keep, who locks, which roles they start
 * in, whether they replicate or bridge, and how many serve clients at once. The plan resolves it
 * once (`plan.ha`); the loader, the simulator, `check` and `compare` read that or this table
 * instead of testing mode names.
 */

export interface HaModeSpec {
  /** `shared`: one store for the whole group (its disk-fault target is `shared-store`); `per-broker`: one each. */
  store: 'shared' | 'per-broker';
  /** Who decides the master: nobody, the store's exclusive lock, or a quorum of replicas. */
  locking: 'none' | 'lock' | 'quorum';
  /**
   * What a slave that finds the lock free at a later poll does before it recovers the store:
   * `keepAlivePeriod`, sleep one `lockKeepAlivePeriod` (SharedFileLocker.doStart, 5.17: "ensure
   * lockHolder has released; wait for one keepAlive iteration"); `none`, go on at once (JDBC's
   * DefaultDatabaseLocker and LeaseDatabaseLocker, a quorum, or no lock at all).
   */
  lockWait: 'keepAlivePeriod' | 'none';
  /** Role of the first broker, and of every other one. */
  firstRole: 'standalone' | 'master' | 'peer';
  otherRole: 'standalone' | 'slave' | 'replica' | 'peer';
  /** The brokers are joined by a mesh of network bridges (store-and-forward). */
  bridged: boolean;
  /** Brokers serving clients at a time: the master alone, or every broker. */
  active: 'one' | 'all';
  /** Store kinds the mode works with (the first is its default). */
  storeKinds: readonly ('kahadb' | 'memory' | 'jdbc')[];
}

export const HA_MODE_TABLE = {
  none: {
    store: 'per-broker',
    locking: 'none',
    lockWait: 'none',
    firstRole: 'standalone',
    otherRole: 'standalone',
    bridged: false,
    active: 'one',
    storeKinds: ['kahadb', 'memory'],
  },
  'shared-store': {
    store: 'shared',
    locking: 'lock',
    lockWait: 'keepAlivePeriod',
    firstRole: 'master',
    otherRole: 'slave',
    bridged: false,
    active: 'one',
    storeKinds: ['kahadb'],
  },
  jdbc: {
    store: 'shared',
    locking: 'lock',
    lockWait: 'none',
    firstRole: 'master',
    otherRole: 'slave',
    bridged: false,
    active: 'one',
    storeKinds: ['jdbc'],
  },
  replicated: {
    store: 'per-broker',
    locking: 'quorum',
    lockWait: 'none',
    firstRole: 'master',
    otherRole: 'replica',
    bridged: false,
    active: 'one',
    storeKinds: ['kahadb'],
  },
  'network-of-brokers': {
    store: 'per-broker',
    locking: 'none',
    lockWait: 'none',
    firstRole: 'peer',
    otherRole: 'peer',
    bridged: true,
    active: 'all',
    storeKinds: ['kahadb', 'memory'],
  },
} as const satisfies Record<string, HaModeSpec>;

export type HaMode = keyof typeof HA_MODE_TABLE;

export function haModeSpec(mode: HaMode): HaModeSpec {
  return HA_MODE_TABLE[mode];
}
