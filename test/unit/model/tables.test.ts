/**
 * The fault-kind and HA-mode tables (src/model) and the topology schema say the same thing: the
 * schema lists the same fault kinds and HA modes in the same order, and requires `peer` and
 * `duration` exactly for the kinds the table gives a peer or a duration.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAULT_KIND_TABLE, FAULT_KINDS, type FaultKind } from '../../../src/model/faultKinds.js';
import { HA_MODE_TABLE } from '../../../src/model/haModes.js';

/** The parts of the topology schema read here. */
interface Schema {
  $defs: {
    faultKind: { enum: string[] };
    scheduledFault: {
      allOf: { if: { properties: { kind: { const: string } } }; then: { required: string[] } }[];
    };
    cluster: { properties: { ha: { enum: string[] }; store: { enum: string[] } } };
  };
}
const schema = JSON.parse(
  readFileSync(new URL('../../../schemas/topology.schema.json', import.meta.url), 'utf8'),
) as Schema;

/** The fields the schema's if/then rules require for a fault of `kind`. */
function requiredFor(kind: FaultKind): string[] {
  return schema.$defs.scheduledFault.allOf
    .filter((r) => r.if.properties.kind.const === kind)
    .flatMap((r) => r.then.required)
    .sort();
}

describe('the model tables and the topology schema', () => {
  it('list the same fault kinds in the same order', () => {
    expect(schema.$defs.faultKind.enum).toEqual(FAULT_KINDS);
  });

  it("require a fault's peer and duration where the table gives the kind one", () => {
    for (const kind of FAULT_KINDS) {
      const spec = FAULT_KIND_TABLE[kind];
      const expected = [...(spec.peer ? ['peer'] : []), ...(spec.timed ? ['duration'] : [])].sort();
      expect(requiredFor(kind), kind).toEqual(expected);
    }
  });

  it('give every crash a way to die and nothing else one', () => {
    for (const kind of FAULT_KINDS) {
      const spec = FAULT_KIND_TABLE[kind];
      expect(spec.death !== null, kind).toBe(spec.handler === 'crash');
    }
  });

  it('list the same HA modes, each defaulting to a store kind the schema knows', () => {
    const cluster = schema.$defs.cluster.properties;
    expect(cluster.ha.enum).toEqual(Object.keys(HA_MODE_TABLE));
    for (const spec of Object.values(HA_MODE_TABLE))
      for (const kind of spec.storeKinds) expect(cluster.store.enum).toContain(kind);
  });
});
