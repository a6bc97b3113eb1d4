import type { ExecutorView } from './scheduler-listener.js';
import type { TaskDescription, TaskOutcome, UpdatedBlock } from './task.js';

/** Why an executor went away, as Spark's ExecutorLossReason tells it. */
export interface ExecutorLossReason {
  readonly message: string;
  /** False when the loss is not the application's fault (Spark: killed by the cluster, worker lost). */
  readonly exitCausedByApp: boolean;
}

/** What a backend reports to the scheduler. */
export interface BackendEvents {
  executorAdded(executor: ExecutorView): void;
  executorLost(executorId: string, reason: ExecutorLossReason): void;
  statusUpdate(executorId: string, taskId: number, outcome: TaskOutcome): void;
  /** A block changed outside a task's own puts: evicted, replicated, removed. */
  blockUpdated(executorId: string, block: UpdatedBlock): void;
  log(level: 'INFO' | 'WARN' | 'ERROR', source: string, message: string): void;
}

/**
 * Spark's SchedulerBackend: where executors come from and how a task reaches one. Local mode runs
 * executor threads in this process; the standalone cluster runs executor processes.
 */
export interface SchedulerBackend {
  readonly master: string;
  readonly defaultParallelism: number;
  start(events: BackendEvents): Promise<void>;
  launchTask(executorId: string, task: TaskDescription): void;
  /** Drops every cached block of an RDD on every executor. */
  removeRdd(rddId: number): Promise<void>;
  stop(): Promise<void>;
}
