import { join } from 'node:path';
import type { Argv } from 'yargs';
import { workspaceRoot } from '@sparkbench/bench';
import { clusterStatus, parseSparkUrl, readClusterRecord, startCluster, stopCluster } from '@sparkbench/cluster';

/** Where `cluster start` keeps the running cluster's pids and secret (readable by this user only). */
export function clusterStateDir(): string {
  return process.env.SPARKBENCH_STATE_DIR ?? join(workspaceRoot(), '.sparkbench');
}

export function clusterCommand(y: Argv): Argv {
  return y.command('cluster <action>', 'Start, stop or inspect a standalone cluster that outlives one run (spark://127.0.0.1:7077)', (a) =>
    a
      .positional('action', { choices: ['start', 'stop', 'status'] as const })
      .option('workers', { type: 'number', default: 3, describe: 'start: number of workers' })
      .option('cores', { type: 'number', default: 1, describe: 'start: cores per worker' })
      .option('memory', { type: 'number', default: 1024, describe: 'start: MiB per worker' })
      .option('port', { type: 'number', default: 7077, describe: 'start: master port' })
      .check((args) => {
        for (const k of ['workers', 'cores', 'memory'] as const) {
          if (!Number.isInteger(args[k]) || args[k] < 1) throw new Error(`--${k} must be a whole number >= 1, got ${args[k]}`);
        }
        return true;
      }),
    async (args) => {
      const dir = clusterStateDir();
      if (args.action === 'start') {
        const r = await startCluster(dir, { workers: args.workers, coresPerWorker: args.cores, memoryPerWorkerMb: args.memory }, '127.0.0.1', args.port);
        process.stdout.write(`started spark://${r.host}:${r.port}: master pid ${r.masterPid}, ${r.workerPids.length} workers (${args.cores} cores, ${args.memory} MiB each)\nlogs: ${r.dir}/logs\nrun with: sparkbench run --master spark://${r.host}:${r.port}\n`);
      } else if (args.action === 'stop') {
        const r = await stopCluster(dir);
        process.stdout.write(r === undefined ? 'no cluster is running\n' : `stopped spark://${r.host}:${r.port}\n`);
      } else {
        const s = await clusterStatus(dir);
        if (s === undefined) {
          process.stdout.write('no cluster is running\n');
          return;
        }
        process.stdout.write(`master spark://${s.record.host}:${s.record.port} (pid ${s.record.masterPid})\n`);
        for (const w of s.state.workers) process.stdout.write(`  ${w.workerId}: ${w.coresUsed}/${w.cores} cores, ${w.memoryUsedMb}/${w.memoryMb} MiB used, pid ${w.pid}\n`);
        for (const app of s.state.apps) process.stdout.write(`  app ${app.appId} (${app.appName}): executors ${app.executors.join(', ') || 'none'}\n`);
      }
    },
  );
}

/** Settings a run needs for `master`: the secret of a cluster started by `sparkbench cluster start`. */
export function clusterConf(master: string): Record<string, string> {
  const url = parseSparkUrl(master);
  if (url === null) return {};
  const record = readClusterRecord(clusterStateDir());
  if (record === undefined || record.port !== url.port) return {};
  return { 'spark.authenticate.secret': record.secret };
}
