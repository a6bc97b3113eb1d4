/**
 * Spark-compatible event logs: typed event shapes with their builders, the writer, the reader,
 * and the normalised application model every metric is computed from.
 */
export type {
  SparkListenerLogStart,
  SparkListenerApplicationStart,
  SparkListenerApplicationEnd,
  SparkListenerEnvironmentUpdate,
  ApplicationStart,
  Environment,
} from './app-events.js';
export { logStartEvent, applicationStartEvent, applicationEndEvent, environmentUpdateEvent } from './app-events.js';

export type {
  ExecutorInfoJson,
  SparkListenerExecutorAdded,
  SparkListenerExecutorRemoved,
  SparkListenerBlockManagerAdded,
  SparkListenerBlockManagerRemoved,
  ExecutorAdded,
  ExecutorRemoved,
  BlockManagerAdded,
} from './executor-events.js';
export {
  executorAddedEvent,
  executorRemovedEvent,
  blockManagerAddedEvent,
  blockManagerRemovedEvent,
} from './executor-events.js';

export type { SparkListenerJobStart, SparkListenerJobEnd, JobStart, JobEnd } from './job-events.js';
export { jobStartEvent, jobEndEvent } from './job-events.js';
export type { SparkListenerStageSubmitted, SparkListenerStageCompleted } from './stage-events.js';
export { stageSubmittedEvent, stageCompletedEvent } from './stage-events.js';
export type { SparkListenerTaskStart, SparkListenerTaskEnd, TaskStart, TaskEnd, TaskType } from './task-events.js';
export { taskStartEvent, taskEndEvent } from './task-events.js';
export type { SparkListenerBlockUpdated, SparkListenerUnpersistRDD } from './block-events.js';
export { blockUpdatedEvent, unpersistRddEvent } from './block-events.js';
export type { SparkbenchFaultInjected, FaultInjection } from './fault-event.js';
export { faultInjectedEvent } from './fault-event.js';
export { stageExecutorMetricsEvent, type SparkListenerStageExecutorMetrics, type StageExecutorMetrics } from './stage-executor-metrics.js';

export type { SparkEvent, SparkEventName, LoggedEvent } from './spark-event.js';
export { SPARK_EVENT_NAMES, isSparkEventName } from './spark-event.js';

export type { StageInfo, StageInfoJson, RddInfo, RddInfoJson, RddOperationScope, DeterministicLevel } from './stage-info.js';
export type { TaskInfo, TaskInfoJson, TaskLocality } from './task-info.js';
export type { TaskMetrics, TaskMetricsJson } from './task-metrics.js';
export { emptyTaskMetrics, shuffleBytesRead } from './task-metrics.js';
export type {
  TaskEndReason,
  TaskEndReasonKind,
  TaskEndReasonJson,
  FetchFailedReason,
  ExceptionFailureReason,
  TaskCommitDeniedReason,
  ExecutorLostFailureReason,
  TaskKilledReason,
} from './task-end-reason.js';
export { exceptionFailure } from './task-end-reason.js';
export type { JobResult, JobResultJson } from './job-result.js';
export { jobFailed } from './job-result.js';
export type { StackFrame, StackFrameJson } from './stack-trace.js';
export { stackFramesFromError } from './stack-trace.js';
export type {
  StorageLevel,
  StorageLevelJson,
  BlockManagerId,
  BlockManagerIdJson,
  UpdatedBlock,
  UpdatedBlockJson,
  BlockUpdate,
  BlockUpdatedInfoJson,
} from './storage.js';
export { StorageLevels } from './storage.js';

export type { EventLogWriterOptions } from './event-log-writer.js';
export { EventLogWriter, SPARKBENCH_SPARK_VERSION, IN_PROGRESS_SUFFIX } from './event-log-writer.js';
export type { ParsedEventLog, EventLogStream } from './event-log-reader.js';
export { parseEventLog, readEventLog } from './event-log-reader.js';
export type {
  AppModel,
  ExecutorRecord,
  BlockManagerRecord,
  JobRecord,
  StageRecord,
  StageStatus,
  TaskRecord,
  BlockUpdateRecord,
} from './app-model.js';
export { buildAppModel, loadAppModel } from './app-model.js';
