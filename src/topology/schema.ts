/**
 * The topology JSON Schema (schemas/topology.schema.json, the single source of truth of the
 * format), read once from the package and compiled with ajv; and the counterexample schema
 * that reuses its fault definitions, and the costs file that reuses its cost table.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const TOPOLOGY_SCHEMA_URL = new URL('../../schemas/topology.schema.json', import.meta.url);

const COUNTEREXAMPLE_SCHEMA_URL = new URL('../../schemas/counterexample.schema.json', import.meta.url);

const COSTS_SCHEMA_URL = new URL('../../schemas/costs.schema.json', import.meta.url);

let schema: Record<string, unknown> | undefined;
let validator: ValidateFunction | undefined;
let counterexample: ValidateFunction | undefined;
let costs: ValidateFunction | undefined;

export function topologySchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(TOPOLOGY_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
  return schema;
}

function newAjv(): Ajv2020 {
  return new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
}

export function topologyValidator(): ValidateFunction {
  validator ??= newAjv().compile(topologySchema());
  return validator;
}

/** Counterexample files (schemas/counterexample.schema.json) reuse the topology's fault definitions. */
export function counterexampleValidator(): ValidateFunction {
  counterexample ??= newAjv()
    .addSchema(topologySchema())
    .compile(JSON.parse(readFileSync(COUNTEREXAMPLE_SCHEMA_URL, 'utf8')) as Record<string, unknown>);
  return counterexample;
}

/** Costs files (schemas/costs.schema.json) use the topology's own `costs` table. */
export function costsValidator(): ValidateFunction {
  costs ??= newAjv()
    .addSchema(topologySchema())
    .compile(JSON.parse(readFileSync(COSTS_SCHEMA_URL, 'utf8')) as Record<string, unknown>);
  return costs;
}

/** The cost keys a topology's `costs` (and a costs file) may hold: one table, the schema's. */
export function costKeys(): string[] {
  const defs = topologySchema().$defs as Record<string, { properties: Record<string, unknown> }>;
  return Object.keys(defs.costs!.properties);
}
