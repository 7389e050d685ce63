import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exportPlan } from '../../export/exportPlan.js';
import { fieldsSetIn } from '../../export/settings.js';
import { buildPlan } from '../../plan/buildPlan.js';
import { exportJson } from '../../report/json/exportJson.js';
import { exportText } from '../../report/text/exportText.js';
import { parseSource } from '../../topology/source.js';
import { checkOutputDir, writeExportDir } from '../exportDir.js';
import { type CliIo, type CostsOption, EXIT_BAD_INPUT, EXIT_OK, jsonText, loadAll } from '../io.js';

/** `brokerlab export FILE --out DIR`: the plan as files to deploy, written atomically into DIR. */
export async function exportCommand(
  file: string,
  options: { out: string; force?: boolean; json?: boolean } & CostsOption,
  io: CliIo,
): Promise<number> {
  const out = resolve(options.out);
  await checkOutputDir(out, options.force === true, options.out);
  const loaded = await loadAll([file], io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const plan = buildPlan(loaded[0]!.topology);
  // The loader has checked the file; parsed again only to tell set fields from defaults.
  const source = parseSource(await readFile(file, 'utf8'), file);
  const setInTopology = source.ok ? fieldsSetIn(source.source.value) : new Set<string>();
  const files = exportPlan(plan, setInTopology);
  await writeExportDir(out, files);
  const summary = { file, out: options.out, plan, files };
  io.out(options.json ? jsonText(exportJson(summary)) : exportText(summary));
  return EXIT_OK;
}
