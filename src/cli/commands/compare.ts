import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { compareTopologies } from '../../compare/compareTopologies.js';
import { recommend } from '../../compare/recommend.js';
import { DEFAULT_SEED_COUNT, seedRange } from '../../compare/runSettings.js';
import { isScenarioId, SCENARIOS, type ScenarioId } from '../../compare/scenarios.js';
import { compareHtml } from '../../report/html/compareHtml.js';
import { compareJson } from '../../report/json/compareJson.js';
import { compareMarkdown } from '../../report/markdown/compareMarkdown.js';
import { compareText } from '../../report/text/compareText.js';
import { quote } from '../../text/quote.js';
import {
  type CliIo,
  type CostsOption,
  checkOutputFile,
  EXIT_BAD_INPUT,
  EXIT_OK,
  jsonText,
  loadAll,
  writeFileAtomic,
} from '../io.js';
import { parseDurationOption, parsePositiveInt, parseSeed, UsageError } from '../options.js';
import { progressBar } from '../progress.js';

/** Options shared by `compare` and `sweep`. */
export interface DecideOptions extends CostsOption {
  seeds?: string;
  seed?: string;
  duration?: string;
  scenarios?: string;
  json?: boolean;
  markdown?: boolean;
  html?: string;
}

export interface CompareCommandOptions extends DecideOptions {}

/** `brokerlab compare A B [C...]`: the same seeds and faults for each, a table, and a recommendation. */
export async function compareCommand(
  files: string[],
  options: CompareCommandOptions,
  io: CliIo,
): Promise<number> {
  if (files.length < 2) throw new UsageError('compare needs at least two topology files');
  const run = parseDecideOptions(options, DEFAULT_SEED_COUNT);
  if (options.html !== undefined) await checkOutputFile('--html', options.html);
  const loaded = await loadAll(files, io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const progress = progressBar(io, 'comparing', !options.json);
  const comparison = compareTopologies(
    loaded.map((l) => l.topology),
    { ...run, files, onProgress: (f) => progress.update(f) },
  );
  progress.done();
  const rec = recommend(comparison);
  if (options.html !== undefined) {
    const written = await writeReport(
      io,
      options.html,
      compareHtml(comparison, rec, await readMermaidBundle()),
    );
    if (!written) return EXIT_BAD_INPUT;
  }
  if (options.json) io.out(jsonText(compareJson(comparison, rec)));
  else if (options.markdown) io.out(compareMarkdown(comparison, rec));
  else io.out(compareText(comparison, rec));
  if (options.html !== undefined) io.err(`report written to ${options.html}\n`);
  return EXIT_OK;
}

export interface ParsedDecideOptions {
  seeds: number[];
  durationUs?: number;
  scenarios?: ScenarioId[];
}

/** Seeds, duration, scenarios and the output format, with usage errors a person understands. */
export function parseDecideOptions(options: DecideOptions, defaultSeeds: number): ParsedDecideOptions {
  if (options.json && options.markdown) throw new UsageError('choose one of --json and --markdown');
  if (options.html !== undefined && options.html.trim() === '')
    throw new UsageError('--html needs a file name');
  const count = options.seeds === undefined ? defaultSeeds : parsePositiveInt('--seeds', options.seeds, 1000);
  const first = options.seed === undefined ? 1 : parseSeed(options.seed);
  if (first + count - 1 > 0xffffffff) throw new UsageError('--seed + --seeds runs past seed 4294967295');
  const parsed: ParsedDecideOptions = { seeds: seedRange(count, first) };
  if (options.duration !== undefined) parsed.durationUs = parseDurationOption('--duration', options.duration);
  if (options.scenarios !== undefined) parsed.scenarios = parseScenarios(options.scenarios);
  return parsed;
}

function parseScenarios(text: string): ScenarioId[] {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = ids.filter((s) => !isScenarioId(s));
  if (ids.length === 0 || bad.length > 0)
    throw new UsageError(
      `--scenarios takes a comma-separated list of ${SCENARIOS.map((s) => s.id).join(', ')}${bad.length > 0 ? `, not ${quote(bad.join(','))}` : ''}`,
    );
  return [...new Set(ids as ScenarioId[])];
}

/** mermaid's browser bundle, to inline into an HTML report so that it renders offline. */
export async function readMermaidBundle(): Promise<string> {
  const path = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
  return readFile(path, 'utf8');
}

/** Writes a report atomically; says why and returns false when it cannot. */
export async function writeReport(io: CliIo, path: string, content: string): Promise<boolean> {
  try {
    await writeFileAtomic(path, content);
    return true;
  } catch (error) {
    io.err(`brokerlab: cannot write ${path}: ${(error as Error).message}\n`);
    return false;
  }
}
