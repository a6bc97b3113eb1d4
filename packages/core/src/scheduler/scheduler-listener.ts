import type { RDD } from '../rdd/rdd.js';
import type { TaskMetricsData, TaskOutcome, UpdatedBlock } from './task.js';

/** A stage as the listeners see it (Spark's StageInfo). */
export interface StageView {
  readonly stageId: number;
  readonly attemptId: number;
  readonly name: string;
  readonly numTasks: number;
  readonly rdds: readonly RDD[];
  readonly parentIds: readonly number[];
  readonly details: string;
  submissionTime?: number;
  completionTime?: number;
  failureReason?: string;
}

/** A task attempt as the listeners see it (Spark's TaskInfo). */
export interface TaskView {
  readonly taskId: number;
  readonly index: number;
  readonly attempt: number;
  readonly stageId: number;
  readonly stageAttemptId: number;
  readonly launchTime: number;
  readonly executorId: string;
  readonly host: string;
  readonly locality: 'PROCESS_LOCAL' | 'NODE_LOCAL' | 'ANY';
  readonly taskType: 'ShuffleMapTask' | 'ResultTask';
  finishTime?: number;
}

export type TaskEndReasonView =
  | { readonly kind: 'Success' }
  | { readonly kind: 'ExceptionFailure'; readonly className: string; readonly description: string; readonly stack: string }
  | { readonly kind: 'FetchFailed'; readonly executorId: string; readonly host: string; readonly shuffleId: number; readonly mapId: number; readonly mapIndex: number; readonly reduceId: number; readonly message: string }
  | { readonly kind: 'ExecutorLostFailure'; readonly executorId: string; readonly exitCausedByApp: boolean; readonly lossReason: string }
  | { readonly kind: 'Resubmitted' }
  | { readonly kind: 'TaskKilled'; readonly reason: string };

export interface ExecutorView {
  readonly executorId: string;
  readonly host: string;
  readonly cores: number;
  readonly pid?: number;
  /** The worker process that launched the executor (standalone cluster). */
  readonly workerPid?: number;
  readonly maxMemory: number;
}

/** Everything the scheduler reports; the event log, the console progress bar and the logs listen. */
export interface SchedulerListener {
  jobStart?(jobId: number, time: number, stages: readonly StageView[], properties: Record<string, string>): void;
  jobEnd?(jobId: number, time: number, error?: string): void;
  stageSubmitted?(stage: StageView, properties: Record<string, string>): void;
  stageCompleted?(stage: StageView): void;
  taskStart?(task: TaskView): void;
  taskEnd?(task: TaskView, reason: TaskEndReasonView, metrics: TaskMetricsData | null, outcome: TaskOutcome | null): void;
  blockUpdated?(executorId: string, host: string, block: UpdatedBlock, time: number): void;
  executorAdded?(executor: ExecutorView, time: number): void;
  executorRemoved?(executorId: string, reason: string, time: number): void;
  unpersistRdd?(rddId: number): void;
  log?(level: 'INFO' | 'WARN' | 'ERROR', source: string, message: string): void;
}
