import type { JobName } from '../scenarios/seed-jobs.js';

/** Engine time / DuckDB time the engine should stay under, per job (same machine, same run). */
export const RATIO_TARGETS: Readonly<Record<JobName, number>> = { narrow: 2, wide: 4 };

/** Peak RSS of the engine process / bytes of the cached purchases it should stay under. */
export const MEMORY_RATIO_TARGET = 4;

/** The cluster figures (perf/cluster.ts), each from the event logs of the same run. */
export const CLUSTER_TARGETS = {
  /** SparkbenchFaultInjected → SparkListenerExecutorRemoved of the killed executor, ms (strictly below). */
  detectionMs: 100,
  /** ExecutorRemoved → the replacement's SparkListenerExecutorAdded, ms (strictly below). */
  relaunchMs: 1000,
  /** Fault-free narrow job latency on local-cluster[3,1,1024] / on local[2] (at most). */
  clusterVsLocal: 1.5,
  /** (Latency with one killed executor − median fault-free latency) / (redone work + detection) (at most). */
  recoveryOverhead: 1.5,
} as const;
