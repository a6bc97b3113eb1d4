import { basename, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { COMPARE_FORMATS, COMPARE_METRICS, compareResults, readResults, type CompareFormat, type CompareMetric } from '@sparkbench/bench';
import { UsageError } from '../user-error.js';
import { asUsageError } from './report.js';

export interface CompareArgs {
  readonly a: string;
  readonly b: string;
  readonly format: CompareFormat;
  readonly metric: CompareMetric;
  readonly labelA?: string;
  readonly labelB?: string;
}

/** What `sparkbench compare A B` prints; throws UsageError for an unreadable result set. */
export function compareText(args: CompareArgs): string {
  // Directory names are what the user typed to tell the sets apart, so they make the best default labels.
  if (args.labelA === '' || args.labelB === '') throw new UsageError('--label-a and --label-b must not be empty');
  let labelA = args.labelA ?? basename(resolve(args.a));
  let labelB = args.labelB ?? basename(resolve(args.b));
  if (labelA === labelB) {
    labelA = `A (${labelA})`;
    labelB = `B (${labelB})`;
  }
  try {
    return compareResults(readResults(args.a), readResults(args.b), { labelA, labelB, format: args.format, metric: args.metric });
  } catch (err) {
    throw asUsageError(err);
  }
}

export function compareCommand(y: Argv): Argv {
  return y.command(
    'compare <a> <b>',
    'Compare two saved result sets cell by cell: medians, B/A, and whether the 95% CIs overlap',
    (x) =>
      x
        .positional('a', { type: 'string', demandOption: true, describe: 'Result directory A (the baseline)' })
        .positional('b', { type: 'string', demandOption: true, describe: 'Result directory B' })
        .option('format', { choices: COMPARE_FORMATS, default: 'table' as CompareFormat })
        .option('metric', { choices: COMPARE_METRICS, default: 'job_latency_ms' as CompareMetric, describe: 'The figure to compare' })
        .option('label-a', { type: 'string', describe: 'Name of A in the output (default: its directory name)' })
        .option('label-b', { type: 'string', describe: 'Name of B in the output (default: its directory name)' }),
    (args) => {
      process.stdout.write(compareText({ a: args.a, b: args.b, format: args.format, metric: args.metric, labelA: args['label-a'], labelB: args['label-b'] }));
    },
  );
}
