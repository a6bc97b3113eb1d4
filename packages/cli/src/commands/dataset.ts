import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { workspaceRoot } from '@sparkbench/bench';
import { defaultDatasetPath, ensureEventsFile } from '@sparkbench/datasets';
import { UsageError } from '../user-error.js';

/** The events CSV a command runs on: `--data FILE`, or the generated dataset of `--rows`/`--seed`, made on first use. */
export async function datasetFor(args: { data?: string; rows: number; seed: number }): Promise<{ path: string; rows: number | null; seed: number | null }> {
  if (args.data !== undefined) {
    const path = resolve(args.data);
    if (!existsSync(path)) throw new UsageError(`--data ${path}: no such file`);
    return { path, rows: null, seed: null };
  }
  const path = defaultDatasetPath(workspaceRoot(), args.rows, args.seed);
  const made = await ensureEventsFile(path, { rows: args.rows, seed: args.seed });
  if (made.generated) process.stderr.write(`generated ${made.rows} rows (${(made.bytes / 1e6).toFixed(1)} MB) at ${path}\n`);
  return { path, rows: args.rows, seed: args.seed };
}
