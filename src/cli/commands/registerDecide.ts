/**
 * The commands that decide between deployments, `compare` and `sweep`, registered on the
 * program the way src/cli/main.ts registers the others.
 */
import type { Command } from 'commander';
import { METRIC_NAMES_HELP } from '../../compare/rowMetric.js';
import { DEFAULT_SEED_COUNT } from '../../compare/runSettings.js';
import { SCENARIOS } from '../../compare/scenarios.js';
import { type CliIo, COSTS_HELP } from '../io.js';
import { compareCommand } from './compare.js';
import { DEFAULT_SWEEP_SEEDS, sweepCommand } from './sweep.js';

export function registerDecideCommands(
  program: Command,
  io: CliIo,
  run: (p: Promise<number>) => Promise<void>,
): void {
  const shared = (command: Command, defaultSeeds: number) =>
    command
      .option('--seeds <n>', `replications: one simulation per seed per scenario (default ${defaultSeeds})`)
      .option('--seed <n>', 'first seed; the seeds are seed..seed+n-1 (default 1)')
      .option(
        '--duration <time>',
        'send phase of each run, e.g. 30s (default: the longest simulation.duration)',
      )
      .option(
        '--scenarios <list>',
        `fault scenarios, comma-separated: ${SCENARIOS.map((s) => s.id).join(', ')}`,
      )
      .option('--json', 'print JSON instead of tables')
      .option('--markdown', 'print GitHub markdown with mermaid diagrams')
      .option('--html <file>', 'also write a self-contained HTML report (works offline)')
      .option('--costs <file>', COSTS_HELP);

  shared(
    program
      .command('compare')
      .description(
        'compare deployments under the same seeds and faults: static figures, latency, loss, failover, and a recommendation',
      )
      .argument('<files...>', 'two or more topology files (YAML or JSON)'),
    DEFAULT_SEED_COUNT,
  ).action((files: string[], options) => run(compareCommand(files, options, io)));

  shared(
    program
      .command('sweep')
      .description(
        'vary one setting over a range and show how the figures move; with --vs, where the answer flips',
      )
      .argument('<file>', 'a topology file (YAML or JSON)')
      .requiredOption(
        '--vary <path=from..to[:steps]>',
        'the setting and its range, e.g. applications.orders.replicas=10..500:5, cluster.brokers=2..10, faults.random[0].mtbf=1h..24h',
      )
      .option('--vs <file>', 'a second topology swept the same way, to find the crossover')
      .option('--metric <name>', `what decides the crossover (default p99): ${METRIC_NAMES_HELP}`)
      .option('--plan-only', 'static figures only, no simulation'),
    DEFAULT_SWEEP_SEEDS,
  ).action((file: string, options) => run(sweepCommand(file, options, io)));
}
