import { addShutdownHook, formatLogLine } from '@sparkbench/core';
import { listen } from '../rpc/index.js';
import { Master } from './master.js';
import { daemonArgs, announce, logTo } from './daemon-args.js';

/**
 * The master process: `node master-main.js '{"host":..,"port":..}'` with SPARKBENCH_SECRET in the
 * environment. It announces its port on stdout (one JSON line) and, when started by a driver for a
 * local-cluster, ends as soon as the driver is gone.
 */
async function main(): Promise<void> {
  const args = daemonArgs<{ host: string; port: number; logFile?: string }>();
  const log = logTo(args.logFile);
  const master = new Master((level, message) => log(formatLogLine(level, 'Master', message)));
  const server = await listen({
    host: args.host,
    port: args.port,
    secret: args.secret,
    name: 'master',
    onConnection: (conn) => master.accept(conn),
    log: (level, message) => log(formatLogLine(level, 'TransportServer', message)),
  });
  addShutdownHook(() => void server.close());
  // Started by a driver for a local-cluster: go when the driver goes, even if it was killed outright.
  if (process.send !== undefined) process.on('disconnect', () => process.exit(0));
  log(formatLogLine('INFO', 'Master', `Starting Spark master at spark://${args.host}:${server.port}`));
  announce({ event: 'listening', port: server.port, pid: process.pid });
}

main().catch((err: unknown) => {
  announce({ event: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
