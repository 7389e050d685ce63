/**
 * The brokerlab command line: parses arguments, calls the library, prints, and picks the exit
 * code. Nothing below the CLI prints or exits.
 */
import { Command, CommanderError } from 'commander';
import { diagramCommand } from './commands/diagram.js';
import { planCommand } from './commands/plan.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { type CliIo, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, processIo } from './io.js';
import { UsageError } from './options.js';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code = EXIT_OK;
  const run = async (command: Promise<number>) => {
    code = await command;
  };
  const program = new Command('brokerlab')
    .description(
      'Embed a broker in every process, or run a central cluster? Plan, simulate and compare ActiveMQ deployments.',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('validate')
    .description('check topology files against the schema and their references; errors show file:line:column')
    .argument('<files...>', 'topology files (YAML or JSON)')
    .option('--json', 'print the result as JSON')
    .action((files: string[], options) => run(validateCommand(files, options, io)));

  program
    .command('plan')
    .description(
      'static figures of a deployment: units, brokers, persistent stores, bridges, connections, lints',
    )
    .argument('<files...>', 'topology files (YAML or JSON)')
    .option('--json', 'print JSON conforming to schemas/plan.schema.json')
    .action((files: string[], options) => run(planCommand(files, options, io)));

  program
    .command('diagram')
    .description('print the deployment as a mermaid flowchart')
    .argument('<file>', 'a topology file (YAML or JSON)')
    .option('--markdown', 'wrap the chart in a ```mermaid block')
    .action((file: string, options) => run(diagramCommand(file, options, io)));

  program
    .command('simulate')
    .description('simulate each topology under its load and faults: message fates, latency, failover')
    .argument('<files...>', 'topology files (YAML or JSON)')
    .option('--seed <n>', 'seed of the run (default: simulation.seed of the file)')
    .option('--duration <time>', 'how long producers send, e.g. 10m (default: simulation.duration)')
    .option('--json', 'print JSON conforming to schemas/result.schema.json')
    .action((files: string[], options) => run(simulateCommand(files, options, io)));

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`brokerlab: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof CommanderError) {
      // `--help` asked for help; a bare `brokerlab` gets help because it is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT_OK
        : EXIT_BAD_INPUT;
    }
    io.err(`brokerlab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.BROKERLAB_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    else io.err('  (this is a bug in brokerlab; set BROKERLAB_DEBUG=1 to see where)\n');
    return EXIT_INTERNAL;
  }
}
