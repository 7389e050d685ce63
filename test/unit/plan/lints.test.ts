/**
 * Every lint of src/plan/lints.ts: triggered by a minimal topology, with its severity and the
 * figure its message names, and absent from clean topologies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/buildPlan.js';
import type { Lint, LintSeverity } from '../../../src/plan/types.js';
import { formatLoadError } from '../../../src/topology/issues.js';
import { loadTopologyText } from '../../../src/topology/load.js';

function lintsOf(yaml: string): Lint[] {
  const result = loadTopologyText(yaml, 'inline.yaml');
  if (!result.ok) throw new Error(result.errors.map(formatLoadError).join('\n'));
  return buildPlan(result.topology).lints;
}

/** One application `shop` of `replicas` processes that sends to and receives from `orders`. */
function shop(replicas = 1, producer = '{ destination: orders }'): string {
  return `
destinations: [{ name: orders }]
applications:
  - id: shop
    replicas: ${replicas}
    producers: [${producer}]
    consumers: [{ destination: orders }]
`;
}

/** A central cluster that earns no lint: three replicated brokers. */
const REPLICATED_TRIO = 'cluster: { brokers: 3, ha: replicated }';

const CLEAN: Record<string, string> = {
  'a central replicated trio': `name: clean-central\nlayout: central\n${shop()}\n${REPLICATED_TRIO}\n`,
  'one embedded KahaDB process': `name: clean-embedded\nlayout: embedded\n${shop()}`,
  'a two-broker network of brokers': `name: clean-nob\nlayout: central\n${shop(3)}\ncluster: { brokers: 2, ha: network-of-brokers }\n`,
};

interface LintCase {
  id: string;
  severity: LintSeverity;
  /** Text the message must contain: the figure or setting that triggered it. */
  says: string;
  yaml: string;
}

const CASES: LintCase[] = [
  {
    id: 'appserver-embedding',
    severity: 'warning',
    says: 'shop embeds a broker inside an application server',
    yaml: `
name: appserver
layout: embedded
destinations: [{ name: orders }]
applications:
  - { id: shop, host: appserver, producers: [{ destination: orders }], consumers: [{ destination: orders }] }
`,
  },
  {
    id: 'lock-keepalive-off',
    severity: 'error',
    says: 'shared-store master/slave with lockKeepAlivePeriod 0',
    yaml: `name: keepalive\nlayout: central\n${shop()}\ncluster: { brokers: 2, ha: shared-store, lockKeepAlivePeriod: 0s }\n`,
  },
  {
    id: 'lock-never-released',
    severity: 'warning',
    says: 'lockRelease: never',
    yaml: `name: nfs3\nlayout: central\n${shop()}\ncluster: { brokers: 2, ha: shared-store, lockRelease: never }\n`,
  },
  {
    id: 'mesh-growth',
    severity: 'warning',
    says: 'a full mesh of 11 brokers needs 55 bridges',
    yaml: `name: mesh-11\nlayout: embedded\n${shop(11)}\nembedded: { network: mesh }\n`,
  },
  {
    id: 'single-point-of-failure',
    severity: 'warning',
    says: 'the cluster is a single broker',
    yaml: `name: single\nlayout: central\n${shop()}\ncluster: { brokers: 1, ha: none }\n`,
  },
  {
    id: 'shared-store-single-copy',
    severity: 'info',
    says: 'in one database',
    yaml: `name: jdbc\nlayout: central\n${shop()}\ncluster: { brokers: 2, ha: jdbc }\n`,
  },
  {
    id: 'replicated-quorum',
    severity: 'warning',
    says: 'a replicated store with 2 brokers',
    yaml: `name: pair\nlayout: central\n${shop()}\ncluster: { brokers: 2, ha: replicated }\n`,
  },
  {
    id: 'non-persistent-under-no-loss',
    severity: 'warning',
    says: 'shop sends non-persistent messages',
    yaml: `name: np\nlayout: central\n${shop(1, '{ destination: orders, persistent: false }')}\n${REPLICATED_TRIO}\nguarantees: { lostAcknowledged: 0 }\n`,
  },
  {
    id: 'memory-store-under-no-loss',
    severity: 'warning',
    says: 'store `memory` under a lostAcknowledged guarantee',
    yaml: `name: mem\nlayout: embedded\n${shop()}\nembedded: { store: memory }\nguarantees: { lostAcknowledged: 0 }\n`,
  },
  {
    id: 'async-under-no-loss',
    severity: 'warning',
    says: 'shop uses async sends',
    yaml: `name: async\nlayout: central\n${shop(1, '{ destination: orders, sendMode: async }')}\n${REPLICATED_TRIO}\nguarantees: { lostAcknowledged: 0 }\n`,
  },
  {
    id: 'unsynced-journal-under-no-loss',
    severity: 'warning',
    says: 'journalDiskSyncStrategy `periodic`',
    yaml: `name: periodic\nlayout: central\n${shop()}\ncluster: { brokers: 3, ha: replicated, journalDiskSyncStrategy: periodic }\nguarantees: { lostAcknowledged: 0 }\n`,
  },
  {
    id: 'ephemeral-store',
    severity: 'warning',
    says: '1 store on ephemeral container storage',
    yaml: `name: container\nlayout: embedded\n${shop()}\nembedded: { ephemeralStorage: true }\n`,
  },
  {
    id: 'embedded-memory-store',
    severity: 'info',
    says: 'vm://...?broker.persistent=false',
    yaml: `name: spring-boot\nlayout: embedded\n${shop()}\nembedded: { store: memory }\n`,
  },
  {
    id: 'stranded-on-crash',
    severity: 'info',
    says: 'each of 2 embedded stores',
    yaml: `name: two\nlayout: embedded\n${shop(2)}`,
  },
  {
    id: 'no-consumer',
    severity: 'warning',
    says: 'destination `orders` has producers but no consumer',
    yaml: `
name: nobody-listens
layout: central
destinations: [{ name: orders }]
applications: [{ id: shop, producers: [{ destination: orders }] }]
${REPLICATED_TRIO}
`,
  },
  {
    id: 'too-many-stores',
    severity: 'error',
    says: '2 persistent stores, more than the guaranteed maximum of 1',
    yaml: `name: budget\nlayout: embedded\n${shop(2)}\nguarantees: { maxPersistentStores: 1 }\n`,
  },
];

/** The lint ids that src/plan/lints.ts can produce, read from its source. */
function lintIdsInSource(): string[] {
  const source = readFileSync(new URL('../../../src/plan/lints.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/\bid: '([a-z-]+)'/g)].map((m) => m[1]!);
}

describe('lints', () => {
  it('every lint id in src/plan/lints.ts has a case here', () => {
    expect(CASES.map((c) => c.id).sort()).toEqual([...new Set(lintIdsInSource())].sort());
  });

  for (const [what, yaml] of Object.entries(CLEAN)) {
    it(`${what} earns no lint`, () => {
      expect(lintsOf(yaml)).toEqual([]);
    });
  }

  for (const c of CASES) {
    it(`${c.id} (${c.severity}): ${c.says}`, () => {
      const found = lintsOf(c.yaml).filter((l) => l.id === c.id);
      expect(found).toHaveLength(1);
      expect(found[0]!.severity).toBe(c.severity);
      expect(found[0]!.message).toContain(c.says);
      expect(found[0]!.reason.length).toBeGreaterThan(20);
    });
  }

  it('a mesh of 10 brokers (45 bridges) is still tolerated; 11 (55) is not', () => {
    const mesh = (n: number) => `name: mesh\nlayout: embedded\n${shop(n)}\nembedded: { network: mesh }\n`;
    expect(lintsOf(mesh(10)).map((l) => l.id)).not.toContain('mesh-growth');
    expect(lintsOf(mesh(11)).map((l) => l.id)).toContain('mesh-growth');
  });

  it('an application server that embeds no broker earns no appserver-embedding lint', () => {
    const app = '{ id: web, host: appserver, consumers: [{ destination: orders }] }';
    const central = `name: c\nlayout: central\ndestinations: [{ name: orders }]\napplications: [${app}, { id: shop, producers: [{ destination: orders }] }]\n${REPLICATED_TRIO}\n`;
    // In a hybrid only producing processes embed a broker; `web` only consumes, over tcp.
    const hybrid = central.replace('layout: central', 'layout: hybrid');
    expect(lintsOf(central).map((l) => l.id)).not.toContain('appserver-embedding');
    expect(lintsOf(hybrid).map((l) => l.id)).not.toContain('appserver-embedding');
  });

  it('lints come sorted by severity: error, then warning, then info', () => {
    const lints = lintsOf(
      `name: all\nlayout: central\n${shop()}\ncluster: { brokers: 2, ha: shared-store, lockKeepAlivePeriod: 0s, lockRelease: never }\n`,
    );
    expect(lints.map((l) => [l.severity, l.id])).toEqual([
      ['error', 'lock-keepalive-off'],
      ['warning', 'lock-never-released'],
      ['info', 'shared-store-single-copy'],
    ]);
  });
});
