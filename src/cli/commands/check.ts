import { counterexampleDocument, foundCounterexample } from '../../check/counterexampleFile.js';
import { type CheckOutcome, changedByRemoval, checkTopology } from '../../check/search.js';
import { checkJson } from '../../report/json/checkJson.js';
import { checkText } from '../../report/text/checkText.js';
import type { Topology } from '../../topology/types.js';
import {
  type RawSearchOptions,
  type SearchSettings,
  searchFlags,
  searchSettings,
  shellWord,
} from '../checkOptions.js';
import {
  type CliIo,
  checkOutputFile,
  EXIT_BAD_INPUT,
  EXIT_FAILED,
  EXIT_OK,
  jsonText,
  loadAll,
  writeFileAtomic,
} from '../io.js';
import { parsePositiveInt, parseSeed } from '../options.js';
import { checkInWorkers } from '../parallelCheck.js';
import { progressBar } from '../progress.js';

export interface CheckCommandOptions extends RawSearchOptions {
  runs?: string;
  seed?: string;
  json?: boolean;
  out?: string;
  workers?: string;
}

/** `brokerlab check FILE`: searches fault schedules for one that breaks a declared guarantee. */
export async function checkCommand(file: string, options: CheckCommandOptions, io: CliIo): Promise<number> {
  const runs = options.runs === undefined ? 100 : parsePositiveInt('--runs', options.runs);
  const workers = options.workers === undefined ? 1 : parsePositiveInt('--workers', options.workers, 64);
  if (options.out !== undefined) await checkOutputFile('--out', options.out);
  const loaded = await loadAll([file], io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const topology = loaded[0]!.topology;
  const settings = searchSettings(options, topology);
  const seed = options.seed === undefined ? topology.simulation.seed : parseSeed(options.seed);
  const progress = progressBar(io, `checking ${topology.name}`, !options.json);
  const outcome =
    workers > 1
      ? await checkInWorkers({ file, costs: options.costs }, { ...settings, runs, seed }, workers, (done) =>
          progress.update(done / runs),
        )
      : checkTopology(topology, { ...settings, runs, seed, onRun: (done) => progress.update(done / runs) });
  progress.done();
  const replay = replayCommand(file, topology, settings, outcome, options);
  const durationUs = settings.durationUs ?? topology.simulation.durationUs;
  if (outcome.status === 'fail' && options.out) {
    const t = outcome.trial;
    const doc = counterexampleDocument(topology.name, foundCounterexample(t, durationUs, settings.inForce), {
      seed: outcome.seed,
      path: outcome.path,
    });
    await writeFileAtomic(options.out, jsonText(doc));
  }
  io.out(
    options.json
      ? jsonText(checkJson(outcome, topology.name, durationUs, replay, settings.inForce))
      : checkText(outcome, topology, replay),
  );
  return outcome.status === 'pass' ? EXIT_OK : EXIT_FAILED;
}

/**
 * The command that replays the counterexample exactly: fast-check's seed and path while they
 * still name it; once the removal pass changed it, the counterexample file (`--out`, or a rerun
 * of this check that writes one).
 */
function replayCommand(
  file: string,
  topology: Topology,
  settings: SearchSettings,
  outcome: CheckOutcome,
  options: CheckCommandOptions,
): string {
  if (outcome.status === 'pass') return '';
  const command = (words: string[]) => words.map(shellWord).join(' ');
  if (!changedByRemoval(outcome)) {
    const flags = searchFlags(settings, topology);
    return command([
      'brokerlab',
      'replay',
      file,
      '--seed',
      String(outcome.seed),
      '--path',
      outcome.path,
      ...flags,
    ]);
  }
  const replay = (out: string) => command(['brokerlab', 'replay', file, '--schedule', out]);
  if (options.out) return replay(options.out);
  const rerun = [
    'brokerlab',
    'check',
    file,
    ...(options.seed !== undefined ? ['--seed', options.seed] : []),
    ...(options.runs !== undefined ? ['--runs', options.runs] : []),
    ...(options.workers !== undefined && options.workers !== '1' ? ['--workers', options.workers] : []),
    ...searchFlags(settings, topology),
    '--out',
    RERUN_OUT,
  ];
  return `${command(rerun)} > /dev/null; ${replay(RERUN_OUT)}`;
}

/** Where the rerun in a replay hint writes the counterexample when the check had no --out. */
const RERUN_OUT = 'counterexample.json';
