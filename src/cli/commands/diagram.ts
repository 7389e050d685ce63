import { buildPlan } from '../../plan/buildPlan.js';
import { planFlowchart } from '../../report/mermaid/planFlowchart.js';
import { type CliIo, type CostsOption, EXIT_BAD_INPUT, EXIT_OK, loadAll } from '../io.js';

/** `brokerlab diagram FILE`: the plan as a mermaid flowchart, or as a markdown block with `--markdown`. */
export async function diagramCommand(
  file: string,
  options: { markdown?: boolean } & CostsOption,
  io: CliIo,
): Promise<number> {
  const loaded = await loadAll([file], io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const chart = planFlowchart(buildPlan(loaded[0]!.topology));
  io.out(options.markdown ? `\`\`\`mermaid\n${chart}\`\`\`\n` : chart);
  return EXIT_OK;
}
