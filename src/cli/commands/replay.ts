import { readFile } from 'node:fs/promises';
import { parseCounterexample } from '../../check/counterexampleFile.js';
import { fileGuarantees } from '../../check/guaranteeOption.js';
import { replayCandidate, runSchedule, type Trial } from '../../check/search.js';
import { resultText } from '../../report/text/resultText.js';
import { guaranteesText, verdictLine } from '../../report/text/verdictText.js';
import { printable, quote } from '../../text/quote.js';
import { formatLoadErrors } from '../../topology/issues.js';
import { type RawSearchOptions, searchSettings } from '../checkOptions.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, jsonText, loadAll } from '../io.js';
import { parseSeed, UsageError } from '../options.js';

export interface ReplayCommandOptions extends RawSearchOptions {
  seed?: string;
  path?: string;
  schedule?: string;
  json?: boolean;
}

/** `brokerlab replay FILE --seed S --path P` or `--schedule F`: reruns a counterexample exactly. */
export async function replayCommand(file: string, options: ReplayCommandOptions, io: CliIo): Promise<number> {
  const bySearch = options.seed !== undefined || options.path !== undefined;
  if (bySearch === (options.schedule !== undefined)) {
    throw new UsageError(
      'replay needs either --seed and --path (from a check) or --schedule FILE (a counterexample file)',
    );
  }
  if (bySearch && (options.seed === undefined || options.path === undefined))
    throw new UsageError('replay needs both --seed and --path');
  const loaded = await loadAll([file], io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const topology = loaded[0]!.topology;
  let trial: Trial;
  let judged: string;
  if (bySearch) {
    if (!/^\d+(:\d+)*$/.test(options.path!))
      throw new UsageError(`--path takes fast-check's path, such as 0:2:0, not ${quote(options.path!)}`);
    const settings = searchSettings(options, topology);
    trial = replayCandidate(topology, settings, parseSeed(options.seed!), options.path!);
    judged = `guarantees: ${guaranteesText(settings.inForce)}`;
  } else {
    const file = options.schedule!;
    const parsed = parseCounterexample(await readText(file), file, topology);
    if (!parsed.ok) {
      io.err(formatLoadErrors(parsed.errors));
      return EXIT_BAD_INPUT;
    }
    const c = parsed.counterexample;
    // The guarantees the file recorded are the ones it broke; --guarantee still adds or replaces.
    if (!c.guarantees)
      io.err(
        `brokerlab: ${printable(file)} records no guarantees (written by an older brokerlab): judging the guarantees of ${printable(loaded[0]!.file)} and --guarantee instead\n`,
      );
    const settings = searchSettings(options, topology, c.guarantees ?? fileGuarantees(topology.guarantees));
    trial = runSchedule(topology, c.replicas, c.schedule, {
      guarantees: settings.guarantees,
      durationUs: c.durationUs,
    });
    judged = `guarantees${c.guarantees ? ` recorded in ${printable(file)}` : ''}: ${guaranteesText(settings.inForce)}`;
  }
  const broken = trial.verdicts.filter((v) => !v.valid);
  if (options.json) io.out(jsonText(trial.result));
  else {
    io.out(resultText(trial.result));
    io.out(`${judged}\n`);
    for (const v of trial.verdicts) io.out(`${verdictLine(v)}\n`);
  }
  return broken.length > 0 ? EXIT_FAILED : EXIT_OK;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}
