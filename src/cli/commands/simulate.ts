import { buildPlan } from '../../plan/buildPlan.js';
import { resultText } from '../../report/text/resultText.js';
import { simulate } from '../../sim/simulate.js';
import { type CliIo, type CostsOption, EXIT_BAD_INPUT, EXIT_OK, jsonText, loadAll } from '../io.js';
import { parseDurationOption, parseSeed } from '../options.js';
import { progressBar } from '../progress.js';

export interface SimulateCommandOptions extends CostsOption {
  seed?: string;
  duration?: string;
  json?: boolean;
}

/** `brokerlab simulate FILE...`: what happened to every message under load and the topology's faults. */
export async function simulateCommand(
  files: string[],
  options: SimulateCommandOptions,
  io: CliIo,
): Promise<number> {
  const seed = options.seed === undefined ? undefined : parseSeed(options.seed);
  const durationUs =
    options.duration === undefined ? undefined : parseDurationOption('--duration', options.duration);
  const loaded = await loadAll(files, io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const results = [];
  for (const { topology } of loaded) {
    const progress = progressBar(io, `simulating ${topology.name}`, !options.json);
    results.push(simulate(buildPlan(topology), { seed, durationUs, onProgress: (f) => progress.update(f) }));
    progress.done();
  }
  if (options.json) io.out(jsonText(results.length === 1 ? results[0] : results));
  else io.out(results.map(resultText).join('\n'));
  return EXIT_OK;
}
