/**
 * The brokerlab command line: parses arguments, calls the library, prints, and picks the exit
 * code. Nothing below the CLI prints or exits.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { calibrateCommand } from './commands/calibrate.js';
import { checkCommand } from './commands/check.js';
import { diagramCommand } from './commands/diagram.js';
import { exportCommand } from './commands/export.js';
import { planCommand } from './commands/plan.js';
import { registerDecideCommands } from './commands/registerDecide.js';
import { replayCommand } from './commands/replay.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { verifyCommand } from './commands/verify.js';
import { type CliIo, COSTS_HELP, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, processIo } from './io.js';
import { ALLOW_LINT_ERRORS_HELP } from './lintGate.js';
import { UsageError } from './options.js';

/** The version in package.json, which sits beside dist/ and src/ in a checkout and in the package. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const EXIT_CODES_HELP = `
Exit codes:
  0  ok (also when a reader closes the output pipe early, as \`| head\` does)
  1  a guarantee, a check or a lint of severity error failed (validate and plan:
     --allow-lint-errors accepts lint errors), or verify found the simulation
     disagreeing with the real run
  2  bad input or usage
  3  a bug in brokerlab`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code = EXIT_OK;
  const run = async (command: Promise<number>) => {
    code = await command;
  };
  const program = new Command('brokerlab')
    .description(
      'Embed a broker in every process, or run a central cluster? Plan, simulate and compare ActiveMQ deployments.',
    )
    .version(packageVersion(), '--version', 'print the version of brokerlab')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('validate')
    .description('check topology files against the schema and their references; errors show file:line:column')
    .argument('<files...>', 'topology files (YAML or JSON)')
    .option('--json', 'print the result as JSON')
    .option('--allow-lint-errors', ALLOW_LINT_ERRORS_HELP)
    .option('--costs <file>', COSTS_HELP)
    .action((files: string[], options) => run(validateCommand(files, options, io)));

  program
    .command('plan')
    .description(
      'static figures of a deployment: units, brokers, persistent stores, bridges, connections, lints',
    )
    .argument('<files...>', 'topology files (YAML or JSON)')
    .option('--json', 'print JSON conforming to schemas/plan.schema.json')
    .option('--allow-lint-errors', ALLOW_LINT_ERRORS_HELP)
    .option('--costs <file>', COSTS_HELP)
    .action((files: string[], options) => run(planCommand(files, options, io)));

  program
    .command('diagram')
    .description('print the deployment as a mermaid flowchart')
    .argument('<file>', 'a topology file (YAML or JSON)')
    .option('--markdown', 'wrap the chart in a ```mermaid block')
    .option('--costs <file>', COSTS_HELP)
    .action((file: string, options) => run(diagramCommand(file, options, io)));

  program
    .command('simulate')
    .description('simulate each topology under its load and faults: message fates, latency, failover')
    .argument('<files...>', 'topology files (YAML or JSON)')
    .option('--seed <n>', 'seed of the run (default: simulation.seed of the file)')
    .option('--duration <time>', 'how long producers send, e.g. 10m (default: simulation.duration)')
    .option('--json', 'print JSON conforming to schemas/result.schema.json')
    .option('--costs <file>', COSTS_HELP)
    .action((files: string[], options) => run(simulateCommand(files, options, io)));

  program
    .command('export')
    .description(
      'write what a team would deploy: activemq.xml per broker, client URIs (jndi.properties, Spring Boot), compose.yaml, Kubernetes manifests, README',
    )
    .argument('<file>', 'a topology file (YAML or JSON)')
    .requiredOption('--out <dir>', 'the directory to write (created; must be empty unless --force)')
    .option('--force', 'replace a non-empty output directory')
    .option('--json', 'print what was written as JSON conforming to schemas/export.schema.json')
    .option('--costs <file>', COSTS_HELP)
    .action((file: string, options) => run(exportCommand(file, options, io)));

  program
    .command('verify')
    .description(
      "run the plan for real on this machine (scaled down, real ActiveMQ), inject the scenario's fault, and put it beside its simulation",
    )
    .argument('<file>', 'a topology file (YAML or JSON)')
    .option(
      '--scenario <name>',
      'process-crash, broker-crash, power-loss or disk-loss (default: broker-crash with a cluster, else process-crash)',
    )
    .option('--max-processes <k>', 'application processes to run at most (default: 4)')
    .option('--json', 'print JSON conforming to schemas/verify.schema.json')
    .option('--html <file>', 'also write the table as an HTML report')
    .option('--costs <file>', COSTS_HELP)
    .action((file: string, options) => run(verifyCommand(file, options, io)));

  const searchOptions = (command: Command) =>
    command
      .option(
        '--guarantee <name=value>',
        'a guarantee to check, e.g. lostAcknowledged=0 or maxUnavailable=30s (repeatable)',
        collect,
        [],
      )
      .option('--max-faults <n>', 'most faults in one schedule (default: faults.search.maxFaults)')
      .option(
        '--kinds <list>',
        'fault kinds to try, comma-separated (default: faults.search.kinds, or all that fit)',
      )
      .option('--window <from..to>', 'when faults may happen, e.g. 5s..50s (default: the whole run)')
      .option('--no-restarts', 'crashed processes and brokers do not come back')
      .option('--duration <time>', 'simulated duration of each run (default: simulation.duration)');

  searchOptions(
    program
      .command('check')
      .description(
        'search fault schedules for one that breaks a declared guarantee; print the smallest, and how to replay it',
      )
      .argument('<file>', 'a topology file (YAML or JSON)')
      .option('--runs <n>', 'schedules to try', '100')
      .option('--seed <n>', "fast-check's seed (default: simulation.seed)")
      .option('--workers <n>', 'independent searches in parallel worker threads (seeds seed..seed+n-1)', '1'),
  )
    .option('--out <file>', 'write the counterexample, if any, to this file (for replay --schedule)')
    .option('--json', 'print JSON conforming to schemas/check.schema.json')
    .option('--costs <file>', COSTS_HELP)
    .action((file: string, options) => run(checkCommand(file, options, io)));

  searchOptions(
    program
      .command('replay')
      .description(
        'rerun a counterexample exactly: by the seed and path a check printed, or from a counterexample file',
      )
      .argument('<file>', 'the topology file the check ran on')
      .option('--seed <n>', "the check's seed")
      .option('--path <path>', "the counterexample's fast-check path, e.g. 0:2:0")
      .option('--schedule <file>', 'a counterexample file written by check --out'),
  )
    .option('--json', 'print the simulation result as JSON (schemas/result.schema.json)')
    .option('--costs <file>', COSTS_HELP)
    .action((file: string, options) => run(replayCommand(file, options, io)));

  registerDecideCommands(program, io, run);

  program
    .command('calibrate')
    .description(
      "measure this machine's ActiveMQ and disk (round trip, tcp:// connection, a broker's pace, fsync, vm:// hand-off, marshalling per KiB) and write a costs file",
    )
    .requiredOption('--out <file>', 'the costs file to write (YAML, schemas/costs.schema.json)')
    .option(
      '--broker <url>',
      'measure a running broker, tcp://host:port (default: start one from the installation)',
    )
    .option(
      '--disk <kind>',
      'the disk the journal is on: the fsync is written as fsyncSsd, fsyncHdd or fsyncNfs',
      'ssd',
    )
    .option('--quick', 'fewer repetitions and operations: a rougher figure in about half the time')
    .option('--json', 'print the costs file as JSON')
    .action((options) => run(calibrateCommand(options, io)));

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
