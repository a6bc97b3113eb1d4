/** Task attempts starting and ending. */
import { taskEndReasonJson, type TaskEndReason, type TaskEndReasonJson } from './task-end-reason.js';
import { taskInfoJson, type TaskInfo, type TaskInfoJson } from './task-info.js';
import { emptyTaskMetrics, taskMetricsJson, type TaskMetrics, type TaskMetricsJson } from './task-metrics.js';
import type { UpdatedBlock } from './storage.js';

export type TaskType = 'ShuffleMapTask' | 'ResultTask';

export interface SparkListenerTaskStart {
  Event: 'SparkListenerTaskStart';
  'Stage ID': number;
  'Stage Attempt ID': number;
  'Task Info': TaskInfoJson;
}

export interface SparkListenerTaskEnd {
  Event: 'SparkListenerTaskEnd';
  'Stage ID': number;
  'Stage Attempt ID': number;
  'Task Type': TaskType;
  'Task End Reason': TaskEndReasonJson;
  'Task Info': TaskInfoJson;
  /** Peak executor memory metrics while the task ran (Spark 3); we write none. */
  'Task Executor Metrics': Record<string, number>;
  /** Spark omits it when the task reported no metrics (e.g. its executor was lost). */
  'Task Metrics'?: TaskMetricsJson;
}

export interface TaskStart {
  stageId: number;
  stageAttemptId: number;
  taskInfo: TaskInfo;
}

export function taskStartEvent(t: TaskStart): SparkListenerTaskStart {
  return {
    Event: 'SparkListenerTaskStart',
    'Stage ID': t.stageId,
    'Stage Attempt ID': t.stageAttemptId,
    'Task Info': taskInfoJson(t.taskInfo),
  };
}

export interface TaskEnd {
  stageId: number;
  stageAttemptId: number;
  taskType: TaskType;
  reason: TaskEndReason;
  /** With finishTime set and failed/killed as they ended. */
  taskInfo: TaskInfo;
  /** Unset fields are 0; leave it out entirely when the task reported nothing. */
  metrics?: Partial<TaskMetrics>;
  /** Blocks this task stored or changed; written inside "Task Metrics". */
  updatedBlocks?: UpdatedBlock[];
  /** Peak process metrics at the task's end, by Spark's names (e.g. ProcessTreeJVMRSSMemory). */
  executorMetrics?: Record<string, number>;
}

export function taskEndEvent(t: TaskEnd): SparkListenerTaskEnd {
  return {
    Event: 'SparkListenerTaskEnd',
    'Stage ID': t.stageId,
    'Stage Attempt ID': t.stageAttemptId,
    'Task Type': t.taskType,
    'Task End Reason': taskEndReasonJson(t.reason),
    'Task Info': taskInfoJson(t.taskInfo),
    'Task Executor Metrics': t.executorMetrics ?? {},
    ...(t.metrics && { 'Task Metrics': taskMetricsJson({ ...emptyTaskMetrics(), ...t.metrics }, t.updatedBlocks) }),
  };
}
