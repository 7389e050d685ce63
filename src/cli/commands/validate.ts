import { buildPlan } from '../../plan/buildPlan.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, jsonText, loadAll } from '../io.js';

/** `brokerlab validate FILE...`: every file loads, or every problem is shown with its place. */
export async function validateCommand(
  files: string[],
  options: { json?: boolean },
  io: CliIo,
): Promise<number> {
  const loaded = await loadAll(files, io);
  if (!loaded) return EXIT_BAD_INPUT;
  if (options.json) {
    io.out(
      jsonText({
        format: 'brokerlab.validate/1',
        valid: loaded.map((l) => ({ file: l.file, name: l.topology.name })),
      }),
    );
    return EXIT_OK;
  }
  for (const { file, topology } of loaded) {
    const errors = buildPlan(topology).lints.filter((l) => l.severity === 'error').length;
    io.out(
      `${file}: ok (${topology.name}, layout ${topology.layout}${errors > 0 ? `; ${errors} lint error${errors === 1 ? '' : 's'}, see \`brokerlab plan\`` : ''})\n`,
    );
  }
  return EXIT_OK;
}
