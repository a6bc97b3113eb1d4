import type { Argv } from 'yargs';
import { StorageLevel } from '@sparkbench/core';
import { parseFaultSpec } from '@sparkbench/cluster';
import { JOB_NAMES, matrixRuns, planRuns, type JobName } from '@sparkbench/bench';
import { UsageError } from '../user-error.js';
import { datasetFor } from './dataset.js';
import { runExperimentCli } from './experiment-run.js';
import { clusterConf } from './cluster.js';
import { DEFAULT_MASTER, parseConfPairs } from './run.js';

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function storageList(raw: string): string[] {
  if (raw.trim().toLowerCase() === 'all') return [...StorageLevel.ALL_NAMES];
  return list(raw).map((s) => {
    StorageLevel.fromString(s);
    return s.toUpperCase();
  });
}

export function matrixCommand(y: Argv): Argv {
  return y.command(
    'matrix',
    'Run every combination of scenarios × storage levels × faults, repeated, in a seeded random order',
    (a) =>
      a
        .option('scenarios', { type: 'string', default: 'narrow,wide', describe: `Jobs, comma-separated (${JOB_NAMES.join(', ')})` })
        .option('storage', { type: 'string', default: 'NONE,MEMORY_AND_DISK,MEMORY_AND_DISK_2', describe: 'Storage levels, comma-separated, or all (NONE: not persisted)' })
        .option('faults', { type: 'string', default: 'none,kill-executor@50%', describe: 'Faults, comma-separated (none or ACTION[:k=v][@TRIGGER]); use ; to separate specs that contain commas' })
        .option('reps', { type: 'number', default: 3, describe: 'Repetitions of each cell' })
        .option('warmup', { type: 'number', default: 1, describe: 'Warm-up runs before measuring (not counted)' })
        .option('order-seed', { type: 'number', default: 1, describe: 'Seed of the random run order' })
        .option('data', { type: 'string', describe: 'Events CSV (default: generated on first use)' })
        .option('rows', { type: 'number', default: 1_000_000, describe: 'Rows of the generated dataset' })
        .option('seed', { type: 'number', default: 42, describe: 'Seed of the generated dataset' })
        .option('master', { type: 'string', default: DEFAULT_MASTER, describe: 'Master URL' })
        .option('out', { type: 'string', default: 'sparkbench-out/matrix', describe: 'Result directory' })
        .option('resume', { type: 'string', describe: 'Resume the matrix saved in this directory (skips finished runs)' })
        .option('format', { choices: ['table', 'md', 'csv', 'json'] as const, default: 'table' as const })
        .option('conf', { type: 'string', array: true, default: [] as string[], describe: 'Spark setting key=value (repeatable)' })
        .check((args) => {
          for (const j of list(args.scenarios)) if (!(JOB_NAMES as readonly string[]).includes(j)) throw new UsageError(`unknown scenario "${j}" (valid: ${JOB_NAMES.join(', ')})`);
          storageList(args.storage);
          for (const f of faultList(args.faults)) if (f !== 'none') parseFaultSpec(f);
          if (!Number.isInteger(args.reps) || args.reps < 1) throw new UsageError(`--reps must be a whole number >= 1, got ${args.reps}`);
          parseConfPairs(args.conf);
          return true;
        }),
    async (args) => {
      const cells = matrixRuns(list(args.scenarios) as JobName[], storageList(args.storage), faultList(args.faults));
      const dataset = await datasetFor(args);
      const out = args.resume ?? args.out;
      await runExperimentCli({
        plan: planRuns(cells, { reps: args.reps, warmups: args.warmup, seed: args['order-seed'], shuffle: true }),
        dataset,
        master: args.master,
        conf: { ...clusterConf(args.master), ...parseConfPairs(args.conf) },
        out,
        resume: args.resume !== undefined,
        format: args.format,
        settings: { command: 'matrix', scenarios: args.scenarios, storage: args.storage, faults: args.faults, reps: args.reps, warmup: args.warmup, orderSeed: args['order-seed'] },
        resumeCommand: `sparkbench matrix --scenarios ${args.scenarios} --storage ${args.storage} --faults '${args.faults}' --reps ${args.reps}`,
      });
    },
  );
}

/** Faults are comma-separated, but a spec may hold commas (`kill-executor:signal=KILL,executor=1`): `;` then separates. */
function faultList(raw: string): string[] {
  return raw.includes(';') ? raw.split(';').map((s) => s.trim()).filter(Boolean) : list(raw);
}
