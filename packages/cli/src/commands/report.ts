import type { Argv } from 'yargs';
import { readResults, renderResults, RESULT_FORMATS, type ResultFormat } from '@sparkbench/bench';
import { UsageError } from '../user-error.js';

/**
 * A result set's problems (no directory, no results.csv, a malformed row) are the user's to fix: shown
 * as one line naming the file, not as an internal error with a stack.
 */
export function asUsageError(err: unknown): unknown {
  return err instanceof Error && err.name === 'ResultFileError' ? new UsageError(err.message) : err;
}

/** What `sparkbench report DIR` prints; throws UsageError for an unreadable result set. */
export function reportText(dir: string, format: ResultFormat): string {
  try {
    return renderResults(readResults(dir), format);
  } catch (err) {
    throw asUsageError(err);
  }
}

export function reportCommand(y: Argv): Argv {
  return y.command(
    'report <dir>',
    'Re-render a saved result set (the directory holding results.csv, summary.csv, env.json) without re-running it',
    (a) =>
      a
        .positional('dir', { type: 'string', demandOption: true, describe: 'Result directory, e.g. sparkbench-out/matrix' })
        .option('format', {
          choices: RESULT_FORMATS,
          default: 'table' as ResultFormat,
          describe: 'table: terminal; md: summary.md; csv: summary.csv (one row per cell); json: env, cells and records',
        }),
    (args) => {
      process.stdout.write(reportText(args.dir, args.format));
    },
  );
}
