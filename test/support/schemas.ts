/** A validator for one of brokerlab's published JSON schemas (with the ones it refers to). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO } from './cli.js';

export async function schemaValidator(name: string) {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
  for (const s of [
    'topology',
    'plan',
    'result',
    'counterexample',
    'check',
    'compare',
    'sweep',
    'export',
    'verify',
  ])
    if (s !== name)
      ajv.addSchema(JSON.parse(await readFile(join(REPO, 'schemas', `${s}.schema.json`), 'utf8')));
  return ajv.compile(JSON.parse(await readFile(join(REPO, 'schemas', `${name}.schema.json`), 'utf8')));
}
