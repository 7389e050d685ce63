import { counterexampleDocument } from '../../check/counterexampleFile.js';
import { type CheckOutcome, checkTopology } from '../../check/search.js';
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
  const replay = replayCommand(file, topology, settings, outcome);
  const durationUs = settings.durationUs ?? topology.simulation.durationUs;
  if (outcome.status === 'fail' && options.out) {
    const t = outcome.trial;
    const doc = counterexampleDocument(
      topology.name,
      { replicas: t.replicas, durationUs, schedule: t.schedule },
      { seed: outcome.seed, path: outcome.path },
    );
    await writeFileAtomic(options.out, jsonText(doc));
  }
  io.out(
    options.json
      ? jsonText(checkJson(outcome, topology.name, durationUs, replay))
      : checkText(outcome, topology, replay),
  );
  return outcome.status === 'pass' ? EXIT_OK : EXIT_FAILED;
}

function replayCommand(
  file: string,
  topology: Topology,
  settings: SearchSettings,
  outcome: CheckOutcome,
): string {
  if (outcome.status === 'pass') return '';
  const words = [
    'brokerlab',
    'replay',
    file,
    '--seed',
    String(outcome.seed),
    '--path',
    outcome.path,
    ...searchFlags(settings, topology),
  ];
  return words.map(shellWord).join(' ');
}
