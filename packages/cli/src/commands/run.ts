import { resolve, join } from 'node:path';
import type { Argv } from 'yargs';
import { StorageLevel } from '@sparkbench/core';
import { parseFaultSpec } from '@sparkbench/cluster';
import { loadScenario, planRuns, runScenario, type JobName } from '@sparkbench/bench';
import { UsageError } from '../user-error.js';
import { datasetFor } from './dataset.js';
import { runExperimentCli } from './experiment-run.js';
import { clusterConf } from './cluster.js';

/** `--conf k=v` pairs, as spark-submit takes them. */
export function parseConfPairs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError(`--conf expects key=value, got "${p}"`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

export const DEFAULT_MASTER = 'local-cluster[3,1,1024]';

export function runCommand(y: Argv): Argv {
  return y.command(
    'run [scenario]',
    'Run a scenario: narrow (count the purchases), wide (the session table), seed (the whole notebook sequence, the default) or a scenario file',
    (a) =>
      a
        .positional('scenario', { type: 'string', default: 'seed', describe: 'narrow, wide, seed, or a .yaml/.json scenario file' })
        .option('data', { type: 'string', describe: 'Events CSV (default: generated under datasets/generated on first use)' })
        .option('rows', { type: 'number', default: 1_000_000, describe: 'Rows of the generated dataset when --data is not given' })
        .option('seed', { type: 'number', default: 42, describe: 'Seed of the generated dataset' })
        .option('master', { type: 'string', describe: `Master URL: local[N], local-cluster[W,C,M] (started for this run) or spark://HOST:PORT (default ${DEFAULT_MASTER})` })
        .option('storage', { type: 'string', describe: `narrow/wide: persist the purchases at this level and run the job twice (${StorageLevel.ALL_NAMES.join(', ')})` })
        .option('fault', { type: 'string', array: true, default: [] as string[], describe: 'narrow/wide: fault to inject, repeatable: ACTION[:key=value,...][@TRIGGER], e.g. kill-executor@50%, kill-executor:signal=KILL,executor=1@stage=1:30%, pause-executor:for=3s@2s, kill-worker@1500ms' })
        .option('format', { choices: ['text', 'json', 'table', 'md', 'csv'] as const, default: 'text' as const, describe: 'narrow/wide: text or json (last line one JSON object with rows and result_digest); seed/files: table, md, csv or json' })
        .option('out', { type: 'string', describe: 'Directory for event logs and results (default sparkbench-out/<scenario>)' })
        .option('reps', { type: 'number', describe: 'Repetitions of each run of a scenario file' })
        .option('resume', { type: 'boolean', default: false, describe: 'Skip runs already saved in --out' })
        .option('conf', { type: 'string', array: true, default: [] as string[], describe: 'Spark setting key=value (repeatable)' })
        .check((args) => {
          if (args.storage !== undefined) StorageLevel.fromString(args.storage);
          args.fault.forEach((f) => parseFaultSpec(f));
          parseConfPairs(args.conf);
          return true;
        }),
    async (args) => {
      const dataset = await datasetFor(args);
      const conf = parseConfPairs(args.conf);
      const single = args.scenario === 'narrow' || args.scenario === 'wide';
      if (!single) {
        const scenario = loadScenario(args.scenario);
        if (args.storage !== undefined || args.fault.length > 0) throw new UsageError(`--storage and --fault apply to narrow and wide; ${scenario.name} lists its own runs`);
        const out = args.out ?? join('sparkbench-out', scenario.name);
        const master = args.master ?? scenario.master ?? DEFAULT_MASTER;
        await runExperimentCli({
          plan: planRuns(scenario.runs, { reps: args.reps ?? scenario.reps, warmups: 0, seed: args.seed, shuffle: false }),
          dataset,
          master,
          conf: { ...clusterConf(master), ...scenario.conf, ...conf },
          out,
          resume: args.resume,
          format: args.format === 'text' ? 'table' : args.format === 'json' ? 'json' : args.format,
          settings: { command: 'run', scenario: scenario.name, file: scenario.file },
          resumeCommand: `sparkbench run ${args.scenario}`,
        });
        return;
      }
      const master = args.master ?? DEFAULT_MASTER;
      const outcome = await runScenario({
        scenario: args.scenario as JobName,
        data: dataset.path,
        master,
        storage: args.storage,
        conf: { ...clusterConf(master), ...conf },
        eventLogDir: join(resolve(args.out ?? 'sparkbench-out'), 'events'),
        faults: args.fault,
      });
      if (outcome.error !== undefined) throw new UsageError(`the job failed: ${outcome.error} (event log: ${outcome.eventLog})`);
      const last = outcome.results[outcome.results.length - 1];
      if (args.format === 'json') {
        const { text: _text, ...json } = last;
        process.stdout.write(
          `${JSON.stringify({ ...json, master, storage: args.storage ?? null, faults: args.fault, data: dataset.path, app_id: outcome.appId, event_log: outcome.eventLog, run_digests: outcome.results.map((r) => r.result_digest) })}\n`,
        );
      } else {
        process.stdout.write(`== ${args.scenario}${args.storage ? ` (purchases persisted at ${args.storage}, run twice)` : ''} ==\n${last.text}`);
        process.stdout.write(`event log: ${outcome.eventLog}\n`);
      }
    },
  );
}
