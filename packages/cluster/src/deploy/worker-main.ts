import { randomUUID } from 'node:crypto';
import { formatLogLine } from '@sparkbench/core';
import { connect } from '../rpc/index.js';
import { Worker } from './worker.js';
import { announce, daemonArgs, logTo } from './daemon-args.js';

/**
 * The worker process: connects to the master, registers its cores and memory, and launches executors
 * on request. It shuts down (killing its executors) on SIGTERM, when the master goes, or when the process
 * that started it does.
 */
async function main(): Promise<void> {
  const args = daemonArgs<{ masterHost: string; masterPort: number; host: string; cores: number; memoryMb: number; workDir: string; logFile?: string }>();
  const log = logTo(args.logFile);
  const workerId = `worker-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${args.host}-${process.pid}-${randomUUID().slice(0, 4)}`;
  const master = await connect({ host: args.masterHost, port: args.masterPort, secret: args.secret, name: workerId, timeoutMs: 10_000 });
  const worker = new Worker(
    { workerId, host: args.host, cores: args.cores, memoryMb: args.memoryMb, workDir: args.workDir, secret: args.secret },
    master,
    (level, message) => log(formatLogLine(level, 'Worker', message)),
  );
  let stopping = false;
  const shutdown = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log(formatLogLine('INFO', 'Worker', `${why}: Worker shutting down`));
    void worker.shutdown().finally(() => process.exit(0));
  };
  // Replaces the default shutdown hooks for these signals: the executors are stopped before exiting.
  process.on('SIGTERM', () => shutdown('RECEIVED SIGNAL TERM'));
  process.on('SIGINT', () => shutdown('RECEIVED SIGNAL INT'));
  process.on('disconnect', () => shutdown('Parent process exited'));
  master.onClose(() => shutdown('Connection to master lost'));
  await master.ask({ type: 'RegisterWorker', workerId, host: args.host, cores: args.cores, memoryMb: args.memoryMb, pid: process.pid }, 10_000);
  log(formatLogLine('INFO', 'Worker', `Successfully registered with master spark://${args.masterHost}:${args.masterPort}`));
  announce({ event: 'registered', workerId, pid: process.pid });
}

main().catch((err: unknown) => {
  announce({ event: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
