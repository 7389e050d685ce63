/**
 * Writing an export's files into a directory atomically: everything goes into a temporary
 * sibling directory first, which is then renamed into place, so that a failed run leaves the old
 * directory (or none) and never half an export.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportFile } from '../export/types.js';
import { UsageError } from './options.js';

/**
 * Refuses before any work: an output that is a file, a non-empty directory without `force`, or
 * one that cannot be written (it is written beside itself and renamed, so its nearest existing
 * ancestor must be writable). `shown` is the path as the user typed it.
 */
export async function checkOutputDir(dir: string, force: boolean, shown = dir): Promise<void> {
  let entries: string[] = [];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new UsageError(`--out ${shown} is a file, not a directory`);
    entries = await readdir(dir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new UsageError(`cannot use --out ${shown}: ${(error as Error).message}`);
  }
  if (entries.length > 0 && !force)
    throw new UsageError(
      `--out ${shown} is not empty; choose an empty or new directory, or add --force to replace it`,
    );
  let ancestor = dirname(dir);
  while (!(await exists(ancestor)) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  try {
    await access(ancestor, constants.W_OK);
  } catch {
    throw new UsageError(`cannot write --out ${shown}: ${ancestor} is not writable`);
  }
}

export async function writeExportDir(dir: string, files: readonly ExportFile[]): Promise<void> {
  const parent = dirname(dir);
  const tag = randomBytes(6).toString('hex');
  const staging = join(parent, `.${basename(dir)}.${tag}.tmp`);
  const previous = join(parent, `.${basename(dir)}.${tag}.old`);
  try {
    await mkdir(parent, { recursive: true });
    for (const f of files) {
      const path = join(staging, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.content);
    }
    const replacing = await exists(dir);
    if (replacing) await rename(dir, previous);
    try {
      await rename(staging, dir);
    } catch (error) {
      if (replacing) await rename(previous, dir);
      throw error;
    }
    if (replacing) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    // A full disk, or a permission changed since the check: the user's to fix, not a bug.
    if ((error as NodeJS.ErrnoException).code)
      throw new UsageError(`cannot write ${dir}: ${(error as Error).message}`);
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
