/**
 * The topology JSON Schema (schemas/topology.schema.json, the single source of truth of the
 * format), read once from the package and compiled with ajv.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const TOPOLOGY_SCHEMA_URL = new URL('../../schemas/topology.schema.json', import.meta.url);

let schema: Record<string, unknown> | undefined;
let validator: ValidateFunction | undefined;

export function topologySchema(): Record<string, unknown> {
  schema ??= JSON.parse(readFileSync(TOPOLOGY_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
  return schema;
}

export function topologyValidator(): ValidateFunction {
  validator ??= new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  }).compile(topologySchema());
  return validator;
}
