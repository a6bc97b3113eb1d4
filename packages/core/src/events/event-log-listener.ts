import { userInfo } from 'node:os';
import type { RDD } from '../rdd/rdd.js';
import type { SchedulerListener, StageView, TaskEndReasonView, TaskView } from '../scheduler/scheduler-listener.js';
import type { TaskMetricsData, TaskOutcome, UpdatedBlock as TaskUpdatedBlock } from '../scheduler/task.js';
import { addShutdownHook } from '../shutdown-hooks.js';
import { StorageLevel } from '../storage/storage-level.js';
import { applicationEndEvent, applicationStartEvent, environmentUpdateEvent } from './app-events.js';
import { blockUpdatedEvent, unpersistRddEvent } from './block-events.js';
import { EventLogWriter } from './event-log-writer.js';
import { blockManagerAddedEvent, executorAddedEvent, executorRemovedEvent } from './executor-events.js';
import { faultInjectedEvent, type FaultInjection } from './fault-event.js';
import { jobEndEvent, jobStartEvent } from './job-events.js';
import { stageCompletedEvent, stageSubmittedEvent } from './stage-events.js';
import type { RddInfo, StageInfo } from './stage-info.js';
import type { StorageLevel as StorageLevelJson, UpdatedBlock } from './storage.js';
import { taskEndEvent, taskStartEvent } from './task-events.js';
import type { TaskEndReason } from './task-end-reason.js';
import type { TaskMetrics } from './task-metrics.js';
import { stackFramesFromError } from './stack-trace.js';
import { stageExecutorMetricsEvent } from './stage-executor-metrics.js';

/** What the listener needs to know of the application. */
export interface EventLogApp {
  readonly appId: string;
  readonly appName: string;
  readonly startTime: number;
  readonly conf: { entries(): [string, string][] };
  readonly blockManagerMaster: { cachedPartitions(rddId: number, n: number): number; rddSizes(rddId: number): { memSize: number; diskSize: number } };
  readonly clock: { now(): number };
}

function levelJson(b: { useDisk: boolean; useMemory: boolean; useOffHeap: boolean; deserialized: boolean; replication: number }): StorageLevelJson {
  return { useDisk: b.useDisk, useMemory: b.useMemory, useOffHeap: b.useOffHeap, deserialized: b.deserialized, replication: b.replication };
}

/** An RDD's level by its name; a level Spark has no name for is written as NONE. */
function namedLevel(name: string): StorageLevelJson {
  const l = StorageLevel.ALL_NAMES.includes(name) ? StorageLevel.fromString(name) : StorageLevel.NONE;
  return { useDisk: l.useDisk, useMemory: l.useMemory, useOffHeap: l.useOffHeap, deserialized: l.deserialized, replication: l.replication };
}

function metricsJson(m: TaskMetricsData): Partial<TaskMetrics> {
  return {
    executorDeserializeTime: m.executorDeserializeTime,
    executorRunTime: m.executorRunTime,
    executorCpuTime: m.executorCpuTime,
    resultSize: m.resultSize,
    peakExecutionMemory: m.peakExecutionMemory,
    inputBytes: m.inputBytes,
    inputRecords: m.inputRecords,
    shuffleRemoteBlocksFetched: m.shuffleReadRemoteBlocks,
    shuffleLocalBlocksFetched: m.shuffleReadLocalBlocks,
    shuffleFetchWaitTime: m.shuffleFetchWaitTime,
    shuffleRemoteBytesRead: m.shuffleReadRemoteBytes,
    shuffleLocalBytesRead: m.shuffleReadLocalBytes,
    shuffleRecordsRead: m.shuffleReadRecords,
    shuffleBytesWritten: m.shuffleWriteBytes,
    shuffleWriteTime: m.shuffleWriteTime,
    shuffleRecordsWritten: m.shuffleWriteRecords,
  };
}

/**
 * The driver's process metrics by Spark's ExecutorMetricType names: the V8 heap stands for the JVM heap,
 * memory outside it (Buffers, off-heap blocks) for off-heap; metrics Node has no counterpart for are 0,
 * as Spark writes 0 for metrics it does not collect.
 */
function driverMetrics(): Record<string, number> {
  const mem = process.memoryUsage();
  return {
    JVMHeapMemory: mem.heapUsed,
    JVMOffHeapMemory: mem.external,
    OnHeapExecutionMemory: 0,
    OffHeapExecutionMemory: 0,
    OnHeapStorageMemory: 0,
    OffHeapStorageMemory: 0,
    OnHeapUnifiedMemory: 0,
    OffHeapUnifiedMemory: 0,
    DirectPoolMemory: mem.arrayBuffers,
    MappedPoolMemory: 0,
    ProcessTreeJVMRSSMemory: process.resourceUsage().maxRSS * 1024,
  };
}

/** sparkbench's own counters, as accumulables (Spark SQL reports its metrics the same way); zeros left out. */
export const CACHE_ACCUMULABLES = {
  localHits: 'sparkbench.cache.localHits',
  remoteHits: 'sparkbench.cache.remoteHits',
  misses: 'sparkbench.cache.misses',
  malformed: 'sparkbench.csv.malformedRecords',
} as const;

function cacheAccumulables(m: TaskMetricsData): Record<string, number> {
  const out: Record<string, number> = {};
  if (m.cacheLocalHits > 0) out[CACHE_ACCUMULABLES.localHits] = m.cacheLocalHits;
  if (m.cacheRemoteHits > 0) out[CACHE_ACCUMULABLES.remoteHits] = m.cacheRemoteHits;
  if (m.cacheMisses > 0) out[CACHE_ACCUMULABLES.misses] = m.cacheMisses;
  if (m.malformedRecords > 0) out[CACHE_ACCUMULABLES.malformed] = m.malformedRecords;
  return out;
}

function reasonJson(r: TaskEndReasonView): TaskEndReason {
  switch (r.kind) {
    case 'Success':
    case 'Resubmitted':
      return { kind: r.kind };
    case 'ExceptionFailure': {
      const err = new Error(r.description);
      err.stack = r.stack;
      return { kind: 'ExceptionFailure', className: r.className, description: r.description, stackTrace: stackFramesFromError(err), fullStackTrace: r.stack };
    }
    case 'FetchFailed':
      return {
        kind: 'FetchFailed',
        ...(r.executorId !== '' && { blockManagerAddress: { executorId: r.executorId, host: r.host, port: 0 } }),
        shuffleId: r.shuffleId,
        mapId: r.mapId,
        mapIndex: r.mapIndex,
        reduceId: r.reduceId,
        message: r.message,
      };
    case 'ExecutorLostFailure':
      return { kind: 'ExecutorLostFailure', executorId: r.executorId, exitCausedByApp: r.exitCausedByApp, lossReason: r.lossReason };
    case 'TaskKilled':
      return { kind: 'TaskKilled', killReason: r.reason };
  }
}

/**
 * Spark's EventLoggingListener: writes every scheduler event as one line of Spark's JSON, so the same
 * analysis reads our logs and real Spark's.
 */
export class EventLogListener implements SchedulerListener {
  readonly writer: EventLogWriter;
  private readonly removeHook: () => void;
  private readonly executorHosts = new Map<string, string>();

  constructor(
    dir: string,
    private readonly app: EventLogApp,
  ) {
    this.writer = new EventLogWriter(dir, app.appId);
    // A crashed or interrupted driver still leaves a complete, readable log.
    this.removeHook = addShutdownHook(() => this.writer.closeSync());
  }

  get path(): string {
    return this.writer.path;
  }

  applicationStart(): void {
    // Spark redacts secrets in the environment it logs (spark.redaction.regex); so do we.
    const props = this.app.conf.entries().map(([k, v]) => [k, /secret|password|token/i.test(k) ? '*********(redacted)' : v]);
    this.writer.post(environmentUpdateEvent({ sparkProperties: Object.fromEntries(props) }));
    this.writer.post(applicationStartEvent({ appName: this.app.appName, appId: this.app.appId, time: this.app.startTime, user: userInfo().username }));
  }

  applicationEnd(): void {
    if (this.writer.closed) return;
    this.writer.post(applicationEndEvent({ time: this.app.clock.now() }));
    this.writer.closeSync();
    this.removeHook();
  }

  private rddInfo(rdd: RDD): RddInfo {
    const sizes = this.app.blockManagerMaster.rddSizes(rdd.id);
    return {
      rddId: rdd.id,
      name: rdd.name,
      callSite: rdd.callSite,
      parentIds: rdd.deps.map((d) => (d.type === 'narrow' ? d.rddId : d.shuffle.parentRddId)),
      storageLevel: namedLevel(rdd.storageLevel),
      numPartitions: rdd.numPartitions,
      numCachedPartitions: this.app.blockManagerMaster.cachedPartitions(rdd.id, rdd.numPartitions),
      memSize: sizes.memSize,
      diskSize: sizes.diskSize,
    };
  }

  private stageInfo(s: StageView): StageInfo {
    return {
      stageId: s.stageId,
      attemptId: s.attemptId,
      name: s.name,
      numTasks: s.numTasks,
      rddInfos: s.rdds.map((r) => this.rddInfo(r)),
      parentIds: [...s.parentIds],
      details: s.details,
      submissionTime: s.submissionTime,
      completionTime: s.completionTime,
      failureReason: s.failureReason,
    };
  }

  jobStart(jobId: number, time: number, stages: readonly StageView[], properties: Record<string, string>): void {
    this.writer.post(jobStartEvent({ jobId, time, stageInfos: stages.map((s) => this.stageInfo(s)), properties }));
  }

  jobEnd(jobId: number, time: number, error?: string): void {
    this.writer.post(jobEndEvent({ jobId, time, result: error === undefined ? { kind: 'JobSucceeded' } : { kind: 'JobFailed', message: error } }));
  }

  stageSubmitted(stage: StageView, properties: Record<string, string>): void {
    this.writer.post(stageSubmittedEvent({ stageInfo: this.stageInfo(stage), properties }));
  }

  stageCompleted(stage: StageView): void {
    // Spark writes each executor's peak metrics as a stage ends; the driver's are ours to measure.
    this.writer.post(stageExecutorMetricsEvent({ executorId: 'driver', stageId: stage.stageId, stageAttemptId: stage.attemptId, metrics: driverMetrics() }));
    this.writer.post(stageCompletedEvent({ stageInfo: this.stageInfo(stage) }));
  }

  private taskInfo(t: TaskView, reason?: TaskEndReasonView, metrics?: TaskMetricsData | null) {
    const failed = reason !== undefined && reason.kind !== 'Success' && reason.kind !== 'Resubmitted' && reason.kind !== 'TaskKilled';
    return {
      taskId: t.taskId,
      index: t.index,
      attempt: t.attempt,
      partitionId: t.index,
      launchTime: t.launchTime,
      executorId: t.executorId,
      host: t.host,
      locality: t.locality,
      finishTime: t.finishTime ?? 0,
      failed,
      killed: reason?.kind === 'TaskKilled',
      ...(metrics && { accumulables: cacheAccumulables(metrics) }),
    };
  }

  taskStart(t: TaskView): void {
    this.writer.post(taskStartEvent({ stageId: t.stageId, stageAttemptId: t.stageAttemptId, taskInfo: this.taskInfo(t) }));
  }

  taskEnd(t: TaskView, reason: TaskEndReasonView, metrics: TaskMetricsData | null, outcome: TaskOutcome | null): void {
    const updated: UpdatedBlock[] =
      outcome?.status === 'success' ? outcome.updatedBlocks.map((b) => ({ blockId: b.blockId, storageLevel: levelJson(b), memSize: b.memSize, diskSize: b.diskSize })) : [];
    this.writer.post(
      taskEndEvent({
        stageId: t.stageId,
        stageAttemptId: t.stageAttemptId,
        taskType: t.taskType,
        reason: reasonJson(reason),
        taskInfo: this.taskInfo(t, reason, metrics),
        ...(metrics !== null && { metrics: metricsJson(metrics) }),
        ...(metrics !== null && metrics.processRss > 0 && { executorMetrics: { ProcessTreeJVMRSSMemory: metrics.processRss } }),
        updatedBlocks: updated,
      }),
    );
  }

  blockUpdated(executorId: string, host: string, b: TaskUpdatedBlock, _time: number): void {
    this.writer.post(
      blockUpdatedEvent({
        blockManagerId: { executorId, host: host || (this.executorHosts.get(executorId) ?? 'localhost'), port: 0 },
        blockId: b.blockId,
        storageLevel: levelJson(b),
        memSize: b.memSize,
        diskSize: b.diskSize,
      }),
    );
  }

  executorAdded(e: { executorId: string; host: string; cores: number; maxMemory: number }, time: number): void {
    this.executorHosts.set(e.executorId, e.host);
    // Spark logs the local-mode executor too, as executor "driver".
    this.writer.post(executorAddedEvent({ time, executorId: e.executorId, host: e.host, totalCores: e.cores }));
    this.writer.post(blockManagerAddedEvent({ time, blockManagerId: { executorId: e.executorId, host: e.host, port: 0 }, maxMem: e.maxMemory }));
  }

  executorRemoved(executorId: string, reason: string, time: number): void {
    this.writer.post(executorRemovedEvent({ time, executorId, reason }));
  }

  unpersistRdd(rddId: number): void {
    this.writer.post(unpersistRddEvent(rddId));
  }

  /** Our own event: a fault the injector caused, with when, whom and how. */
  faultInjected(fault: FaultInjection): void {
    this.writer.post(faultInjectedEvent(fault));
  }
}
