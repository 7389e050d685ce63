/**
 * Writing an export's files into a directory atomically: everything goes into a temporary
 * sibling directory first, which is then renamed into place, so that a failed run leaves the old
 * directory (or none) and never half an export.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportFile } from '../export/types.js';
import { UsageError } from './options.js';

/** Refuses before any work: an output that is a file, or a non-empty directory without `force`. */
export async function checkOutputDir(dir: string, force: boolean, shown = dir): Promise<void> {
  let entries: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new UsageError(`--out ${shown} is a file, not a directory`);
    entries = await readdir(dir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`cannot use --out ${shown}: ${(error as Error).message}`);
  }
  if (entries.length > 0 && !force)
    throw new UsageError(
      `--out ${dir} is not empty; choose an empty or new directory, or add --force to replace it`,
    );
}

export async function writeExportDir(dir: string, files: readonly ExportFile[]): Promise<void> {
  const parent = dirname(dir);
  const tag = randomBytes(6).toString('hex');
  const staging = join(parent, `.${basename(dir)}.${tag}.tmp`);
  const previous = join(parent, `.${basename(dir)}.${tag}.old`);
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create ${parent}: ${(error as Error).message}`);
  }
  try {
    for (const f of files) {
      const path = join(staging, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.content);
    }
    const exists = await stat(dir).then(
      () => true,
      () => false,
    );
    if (exists) await rename(dir, previous);
    try {
      await rename(staging, dir);
    } catch (error) {
      if (exists) await rename(previous, dir);
      throw error;
    }
    if (exists) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
