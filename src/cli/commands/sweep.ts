import { METRIC_NAMES_HELP, parseMetricName } from '../../compare/rowMetric.js';
import { sweepHtml } from '../../report/html/sweepHtml.js';
import { sweepJson } from '../../report/json/sweepJson.js';
import { sweepMarkdown } from '../../report/markdown/sweepMarkdown.js';
import { sweepText } from '../../report/text/sweepText.js';
import { sweep } from '../../sweep/sweep.js';
import { parseVary } from '../../sweep/varySpec.js';
import { quote } from '../../text/quote.js';
import { type CliIo, checkOutputFile, EXIT_BAD_INPUT, EXIT_OK, jsonText, loadAll } from '../io.js';
import { UsageError } from '../options.js';
import { progressBar } from '../progress.js';
import { type DecideOptions, parseDecideOptions, readMermaidBundle, writeReport } from './compare.js';

/** Every point of a sweep runs every scenario once per seed: fewer seeds than compare by default. */
export const DEFAULT_SWEEP_SEEDS = 3;

export interface SweepCommandOptions extends DecideOptions {
  vary: string;
  vs?: string;
  metric?: string;
  planOnly?: boolean;
}

/** `brokerlab sweep FILE --vary PATH=FROM..TO[:STEPS]`: one setting over a range, and where the answer flips. */
export async function sweepCommand(file: string, options: SweepCommandOptions, io: CliIo): Promise<number> {
  const run = parseDecideOptions(options, DEFAULT_SWEEP_SEEDS);
  const vary = parseVary(options.vary);
  if (!vary.ok) throw new UsageError(vary.message);
  const metric = options.metric === undefined ? undefined : parseMetricName(options.metric);
  if (options.metric !== undefined && metric === undefined)
    throw new UsageError(`--metric must be one of ${METRIC_NAMES_HELP}; not ${quote(options.metric)}`);
  const files = options.vs === undefined ? [file] : [file, options.vs];
  if (options.html !== undefined) await checkOutputFile('--html', options.html);
  const loaded = await loadAll(files, io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const progress = progressBar(io, 'sweeping', !options.json);
  const result = sweep(loaded[0]!.topology, {
    ...run,
    vary: vary.value,
    ...(loaded[1] ? { vs: loaded[1].topology } : {}),
    ...(metric ? { metric } : {}),
    files,
    planOnly: options.planOnly === true,
    onProgress: (f) => progress.update(f),
  });
  progress.done();
  if (!result.ok) {
    io.err(`brokerlab: ${result.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const s = result.sweep;
  if (
    options.html !== undefined &&
    !(await writeReport(io, options.html, sweepHtml(s, await readMermaidBundle())))
  )
    return EXIT_BAD_INPUT;
  if (options.json) io.out(jsonText(sweepJson(s)));
  else if (options.markdown) io.out(sweepMarkdown(s));
  else io.out(sweepText(s));
  if (options.html !== undefined) io.err(`report written to ${options.html}\n`);
  return EXIT_OK;
}
