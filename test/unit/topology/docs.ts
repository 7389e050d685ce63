/**
 * Small topology documents for the unit tests: plain values as a file parses to, checked against
 * the schema first so that a test cannot pass because its input was malformed.
 */
import type { PathIssue } from '../../../src/topology/issues.js';
import { normalizeTopology } from '../../../src/topology/normalize.js';
import type { Topology } from '../../../src/topology/types.js';
import { validateAgainstSchema } from '../../../src/topology/validate.js';

export type Doc = Record<string, unknown>;

/** 100 `orders` processes, each embedding a broker; `extra` replaces top-level keys. */
export function embeddedDoc(extra: Doc = {}): Doc {
  return {
    name: 'orders-embedded',
    layout: 'embedded',
    destinations: [{ name: 'orders' }],
    applications: [
      {
        id: 'orders',
        replicas: 100,
        producers: [{ destination: 'orders' }],
        consumers: [{ destination: 'orders' }],
      },
    ],
    ...extra,
  };
}

/** 4 `orders` processes on a shared-store pair `broker-0`, `broker-1`; `extra` replaces top-level keys. */
export function centralDoc(extra: Doc = {}): Doc {
  return {
    name: 'orders-central',
    layout: 'central',
    destinations: [{ name: 'orders' }],
    applications: [
      {
        id: 'orders',
        replicas: 4,
        producers: [{ destination: 'orders' }],
        consumers: [{ destination: 'orders' }],
      },
    ],
    cluster: { brokers: 2, ha: 'shared-store' },
    ...extra,
  };
}

/** The normalizer's result for a document that must pass the schema. */
export function normalized(doc: Doc): { topology: Topology; issues: PathIssue[] } {
  const schemaIssues = validateAgainstSchema(doc);
  if (schemaIssues.length > 0) {
    throw new Error(`the test document fails the schema: ${schemaIssues.map((i) => i.message).join('; ')}`);
  }
  return normalizeTopology(doc);
}

/** The Topology of a document that must normalize without issues. */
export function topologyOf(doc: Doc): Topology {
  const { topology, issues } = normalized(doc);
  if (issues.length > 0) {
    throw new Error(`the test document does not normalize: ${issues.map((i) => i.message).join('; ')}`);
  }
  return topology;
}
