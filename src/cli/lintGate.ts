/**
 * Lints of severity error (a split brain, more stores than guaranteed) fail `validate` and `plan`
 * with exit 1, as a broken guarantee does, unless `--allow-lint-errors` accepts them.
 */
import type { Plan } from '../plan/types.js';
import { plural } from '../text/plural.js';
import { type CliIo, EXIT_FAILED, EXIT_OK } from './io.js';

export const ALLOW_LINT_ERRORS_HELP =
  'exit 0 even when a lint of severity error (such as a split brain) is found; by default such a lint fails with exit 1';

/** Says which lint errors were found, on stderr, and picks the exit code. */
export function lintGate(
  plans: readonly { file: string; plan: Plan }[],
  allow: boolean | undefined,
  io: CliIo,
): number {
  let errors = 0;
  for (const { file, plan } of plans)
    for (const lint of plan.lints)
      if (lint.severity === 'error') {
        errors++;
        io.err(`${file}: lint error ${lint.id}: ${lint.message}\n  why: ${lint.reason}\n`);
      }
  if (errors === 0) return EXIT_OK;
  if (allow) return EXIT_OK;
  io.err(
    `brokerlab: ${plural(errors, 'lint error')}: fix ${errors === 1 ? 'it' : 'them'}, or pass --allow-lint-errors to accept ${errors === 1 ? 'it' : 'them'}\n`,
  );
  return EXIT_FAILED;
}
