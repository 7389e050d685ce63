import { buildPlan } from '../../plan/buildPlan.js';
import { planJson } from '../../report/json/planJson.js';
import { planText } from '../../report/text/planText.js';
import { type CliIo, type CostsOption, EXIT_BAD_INPUT, jsonText, loadAll } from '../io.js';
import { lintGate } from '../lintGate.js';

/** `brokerlab plan FILE...`: the static figures and lints of each topology. */
export async function planCommand(
  files: string[],
  options: { json?: boolean; allowLintErrors?: boolean } & CostsOption,
  io: CliIo,
): Promise<number> {
  const loaded = await loadAll(files, io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const plans = loaded.map(({ file, topology }) => ({ file, plan: buildPlan(topology) }));
  if (options.json) {
    const docs = plans.map(({ file, plan }) => planJson(plan, file));
    io.out(jsonText(docs.length === 1 ? docs[0] : docs));
  } else {
    io.out(plans.map(({ file, plan }) => planText(plan, file)).join('\n'));
  }
  return lintGate(plans, options.allowLintErrors, io);
}
