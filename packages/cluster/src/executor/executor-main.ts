import { rmSync } from 'node:fs';
import { addShutdownHook } from '@sparkbench/core';
import { daemonArgs } from '../deploy/daemon-args.js';
import { connect } from '../rpc/index.js';
import { ExecutorBackend, type ExecutorBackendOptions } from './executor-backend.js';

/**
 * The executor process: `node executor-main.js '<json options>'`, started by a worker, with the shared
 * secret in SPARKBENCH_SECRET. It ends when the driver goes away or its worker does (the IPC channel to
 * the worker closes), so no executor outlives the run.
 */
async function main(): Promise<void> {
  const parsed = daemonArgs<Omit<ExecutorBackendOptions, 'secret'> & { driverHost: string; driverPort: number }>();
  addShutdownHook(() => rmSync(parsed.dir, { recursive: true, force: true }));
  process.on('disconnect', () => process.exit(1));
  const driver = await connect({ host: parsed.driverHost, port: parsed.driverPort, secret: parsed.secret, name: `executor ${parsed.executorId}`, timeoutMs: 30_000 });
  driver.onClose(() => {
    process.stderr.write(`ERROR CoarseGrainedExecutorBackend: Executor self-exiting due to : Driver ${parsed.driverHost}:${parsed.driverPort} disassociated! Shutting down.\n`);
    process.exit(1);
  });
  const backend = new ExecutorBackend(parsed, driver);
  await backend.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`ERROR CoarseGrainedExecutorBackend: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
