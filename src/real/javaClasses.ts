/**
 * The client programs (real/java/*.java) compiled with javac against the installed ActiveMQ
 * jars, at test time: into node_modules/.cache/brokerlab-java/<hash of the sources>, so that a
 * changed source recompiles and an unchanged one is compiled once. Nothing compiled is committed.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Installation } from './installation.js';

const run = promisify(execFile);

/** The repository root: src/real/ and dist/real/ both sit two levels below it. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCES = join(ROOT, 'real', 'java');

export async function compiledClients(inst: Installation): Promise<string> {
  const files = readdirSync(SOURCES)
    .filter((f) => f.endsWith('.java'))
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(SOURCES, f)));
  hash.update(inst.javac).update(inst.classpath);
  const cache = join(ROOT, 'node_modules', '.cache', 'brokerlab-java');
  const target = join(cache, hash.digest('hex').slice(0, 16));
  if (existsSync(target)) return target;
  // Compile beside the target and rename into place: a concurrent compile wins or loses whole.
  const work = `${target}.${process.pid}.tmp`;
  mkdirSync(work, { recursive: true });
  try {
    await run(inst.javac, [
      '-nowarn',
      '-encoding',
      'UTF-8',
      '-d',
      work,
      '-cp',
      inst.classpath,
      ...files.map((f) => join(SOURCES, f)),
    ]);
    if (!existsSync(target)) renameSync(work, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}
