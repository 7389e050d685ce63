import { buildPlan } from '../../plan/buildPlan.js';
import { plural } from '../../text/plural.js';
import { type CliIo, type CostsOption, EXIT_BAD_INPUT, jsonText, loadAll } from '../io.js';
import { lintGate } from '../lintGate.js';

/** `brokerlab validate FILE...`: every file loads, or every problem is shown with its place. */
export async function validateCommand(
  files: string[],
  options: { json?: boolean; allowLintErrors?: boolean } & CostsOption,
  io: CliIo,
): Promise<number> {
  const loaded = await loadAll(files, io, options.costs);
  if (!loaded) return EXIT_BAD_INPUT;
  const plans = loaded.map(({ file, topology }) => ({ file, topology, plan: buildPlan(topology) }));
  if (options.json) {
    io.out(
      jsonText({
        format: 'brokerlab.validate/1',
        valid: loaded.map((l) => ({ file: l.file, name: l.topology.name })),
      }),
    );
  } else {
    for (const { file, topology, plan } of plans) {
      const errors = plan.lints.filter((l) => l.severity === 'error').length;
      io.out(
        `${file}: ok (${topology.name}, layout ${topology.layout}${errors > 0 ? `; ${plural(errors, 'lint error')}` : ''})\n`,
      );
    }
  }
  return lintGate(plans, options.allowLintErrors, io);
}
