import type { SparkContext } from '@sparkbench/core';
import { StandaloneBackend } from '../scheduler/standalone-backend.js';
import { FaultInjector } from './fault-injector.js';
import type { FaultSpec } from './fault-spec.js';

/** A fault needs processes to signal; in local mode everything is one process. */
export class FaultsNeedClusterError extends Error {
  override readonly name = 'FaultsNeedClusterError';
  constructor(master: string) {
    super(`--fault needs executor processes: use a local-cluster[W,C,M] or spark:// master, not ${master}`);
  }
}

/**
 * Connects a fault injector to a running application: it watches the scheduler's events, signals the
 * executor processes of the standalone backend, and writes each fault into the event log.
 */
export function attachFaultInjector(sc: SparkContext, specs: readonly FaultSpec[]): FaultInjector {
  const backend = sc.backend;
  if (!(backend instanceof StandaloneBackend)) throw new FaultsNeedClusterError(sc.master);
  const injector = new FaultInjector([...specs], {
    executors: () => backend.executorProcesses(),
    runningTasks: () => sc.taskScheduler.runningByExecutor(),
    record: (f) => sc.eventLog?.faultInjected(f),
    log: (level, source, message) => sc.logger.log(level, source, message),
  });
  sc.addListener(injector);
  return injector;
}
