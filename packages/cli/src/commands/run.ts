import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { Argv } from 'yargs';
import { StorageLevel } from '@sparkbench/core';
import { parseFaultSpec } from '@sparkbench/cluster';
import { JOB_NAMES, runScenario, type JobName } from '@sparkbench/bench';
import { defaultDatasetPath, ensureEventsFile } from '@sparkbench/datasets';
import { workspaceRoot } from '../workspaceRoot.js';
import { UsageError } from '../userError.js';

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

export function runCommand(y: Argv): Argv {
  return y.command(
    'run [scenario]',
    'Run the seed notebook jobs (narrow: count the purchases; wide: the session table) on a dataset',
    (a) =>
      a
        .positional('scenario', { choices: [...JOB_NAMES], describe: 'Which job; both in turn when left out' })
        .option('data', { type: 'string', describe: 'Events CSV (default: generated under datasets/generated on first use)' })
        .option('rows', { type: 'number', default: 1_000_000, describe: 'Rows of the generated dataset when --data is not given' })
        .option('seed', { type: 'number', default: 42, describe: 'Seed of the generated dataset' })
        .option('master', { type: 'string', default: 'local-cluster[3,1,1024]', describe: 'Master URL: local[N], local-cluster[W,C,M] (W workers of C cores and M MiB, started for this run) or spark://HOST:PORT' })
        .option('fault', { type: 'string', array: true, default: [] as string[], describe: 'Fault to inject, repeatable: ACTION[:key=value,...][@TRIGGER], e.g. kill-executor@50%, kill-executor:signal=KILL,executor=1@stage=1:30%, pause-executor:for=3s@2s, kill-worker@1500ms' })
        .option('storage', { type: 'string', describe: `Persist the purchases at this level first and run the job twice (${StorageLevel.ALL_NAMES.join(', ')})` })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'json: last line is one JSON object with rows and result_digest' })
        .option('out', { type: 'string', default: 'sparkbench-out', describe: 'Directory for the event logs' })
        .option('conf', { type: 'string', array: true, default: [] as string[], describe: 'Spark setting key=value (repeatable)' })
        .check((args) => {
          if (args.storage !== undefined) StorageLevel.fromString(args.storage);
          args.fault.forEach((f) => parseFaultSpec(f));
          parseConfPairs(args.conf);
          return true;
        }),
    async (args) => {
      const data = resolve(args.data ?? defaultDatasetPath(workspaceRoot(), args.rows, args.seed));
      if (args.data === undefined) {
        const made = await ensureEventsFile(data, { rows: args.rows, seed: args.seed });
        if (made.generated) process.stderr.write(`generated ${made.rows} rows (${(made.bytes / 1e6).toFixed(1)} MB) at ${data}\n`);
      } else if (!existsSync(data)) {
        throw new UsageError(`--data ${data}: no such file`);
      }
      const scenarios: JobName[] = args.scenario === undefined ? [...JOB_NAMES] : [args.scenario as JobName];
      for (const scenario of scenarios) {
        const outcome = await runScenario({
          scenario,
          data,
          master: args.master,
          storage: args.storage,
          conf: parseConfPairs(args.conf),
          eventLogDir: join(resolve(args.out), 'events'),
          faults: args.fault,
        });
        const last = outcome.results[outcome.results.length - 1];
        if (args.format === 'json') {
          const { text: _text, ...json } = last;
          process.stdout.write(
            `${JSON.stringify({ ...json, master: args.master, storage: args.storage ?? null, data, app_id: outcome.appId, event_log: outcome.eventLog, run_digests: outcome.results.map((r) => r.result_digest) })}\n`,
          );
        } else {
          process.stdout.write(`== ${scenario}${args.storage ? ` (purchases persisted at ${args.storage}, run twice)` : ''} ==\n${last.text}`);
          process.stdout.write(`event log: ${outcome.eventLog}\n`);
        }
      }
    },
  );
}
