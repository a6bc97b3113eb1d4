import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import { workspaceRoot } from '@sparkbench/bench';
import { defaultDatasetPath, generateEventsFile } from '@sparkbench/datasets';

export function dataCommand(y: Argv): Argv {
  return y.command(
    'data <action>',
    'Work with the e-commerce events dataset',
    (a) =>
      a
        .positional('action', { choices: ['gen'] as const, describe: 'gen: write a seeded events CSV' })
        .option('rows', { type: 'number', default: 1_000_000, describe: 'Number of event rows' })
        .option('seed', { type: 'number', default: 42, describe: 'Seed: the same seed gives the same bytes' })
        .option('out', { type: 'string', describe: 'Output file (default datasets/generated/events-<rows>-seed<seed>.csv)' })
        .check((args) => {
          if (!Number.isInteger(args.rows) || args.rows < 0) throw new Error(`--rows must be a whole number >= 0, got ${args.rows}`);
          if (!Number.isSafeInteger(args.seed)) throw new Error(`--seed must be an integer, got ${args.seed}`);
          return true;
        }),
    async (args) => {
      const out = resolve(args.out ?? defaultDatasetPath(workspaceRoot(), args.rows, args.seed));
      const started = Date.now();
      const r = await generateEventsFile(out, { rows: args.rows, seed: args.seed });
      const secs = (Date.now() - started) / 1000;
      process.stdout.write(`wrote ${r.rows} rows (${(r.bytes / 1e6).toFixed(1)} MB) to ${out} in ${secs.toFixed(2)} s\n`);
    },
  );
}
