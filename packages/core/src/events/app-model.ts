/**
 * The normalised picture of one application, built from its event log alone. Every metric
 * sparkbench reports is computed from this, so it reads logs of any Spark version (1.2 onward)
 * as well as ours, filling what older versions did not write with Spark's own defaults.
 */
import { fileURLToPath } from 'node:url';
import { readFaultInjection, type FaultInjection } from './fault-event.js';
import {
  arrayField,
  isJsonObject,
  numberArrayField,
  numberField,
  objectField,
  stringField,
  stringMapField,
  type JsonObject,
} from './json-fields.js';
import { readJobResult, type JobResult } from './job-result.js';
import { readEventLog } from './event-log-reader.js';
import { readStageInfo, type RddInfo, type StageInfo } from './stage-info.js';
import {
  normaliseExecutorId,
  readBlockManagerId,
  readBlockUpdate,
  readUpdatedBlock,
  type StorageLevel,
} from './storage.js';
import { readTaskEndReason, type TaskEndReason } from './task-end-reason.js';
import { readTaskInfo, type TaskLocality } from './task-info.js';
import { emptyTaskMetrics, readTaskMetrics, type TaskMetrics } from './task-metrics.js';

export interface ExecutorRecord {
  /** `<driver>` (Spark 1.x) reads as `driver`. */
  executorId: string;
  host: string;
  cores: number;
  /** Undefined only if the log holds the removal but not the addition. */
  added?: number;
  removed?: number;
  removedReason?: string;
  logUrls: Record<string, string>;
}

export interface BlockManagerRecord {
  executorId: string;
  host: string;
  port: number;
  /** Storage memory, bytes. */
  maxMemory: number;
  added?: number;
  removed?: number;
}

export interface JobRecord {
  jobId: number;
  /** Not logged before Spark 1.3. */
  submissionTime?: number;
  completionTime?: number;
  /** Undefined while the job was still running when the log ended. */
  result?: JobResult;
  stageIds: number[];
  /** Stages of this job never submitted while it ran: their output already existed. */
  skippedStageIds: number[];
  properties: Record<string, string>;
}

/** As in the Spark UI: a job's stage that was never submitted is "skipped" once the job ends. */
export type StageStatus = 'pending' | 'active' | 'complete' | 'failed' | 'skipped';

/** One stage attempt; a retried stage has one record per attempt. */
export interface StageRecord {
  stageId: number;
  attemptId: number;
  name: string;
  numTasks: number;
  parentIds: number[];
  rddInfos: RddInfo[];
  submissionTime?: number;
  completionTime?: number;
  failureReason?: string;
  status: StageStatus;
  /** status === 'skipped'. */
  skipped: boolean;
  jobIds: number[];
}

/** One task attempt. */
export interface TaskRecord {
  taskId: number;
  stageId: number;
  stageAttemptId: number;
  index: number;
  attempt: number;
  partitionId: number;
  executorId: string;
  host: string;
  locality: TaskLocality;
  speculative: boolean;
  /** "ShuffleMapTask" or "ResultTask"; known once the task ended. */
  taskType?: string;
  launchTime: number;
  gettingResultTime: number;
  /** Undefined when the log holds no end for this task. */
  finishTime?: number;
  failed: boolean;
  killed: boolean;
  /** How the attempt ended; undefined when the log holds no end for this task. */
  reason?: TaskEndReason;
  /**
   * The attempt had finished, but its map output was lost with its executor and the partition
   * re-run (Spark logs this as a second TaskEnd, reason "Resubmitted").
   */
  resubmitted: boolean;
  /** All zero when the task reported none. */
  metrics: TaskMetrics;
  /** Accumulator updates by name (sparkbench's `sparkbench.cache.*` counters among them). */
  accumulables: Record<string, number>;
  /** "Task Executor Metrics" (e.g. ProcessTreeJVMRSSMemory); empty when not logged. */
  executorMetrics: Record<string, number>;
}

export interface BlockUpdateRecord {
  /** A SparkListenerBlockUpdated event, or an entry of a task end's "Updated Blocks". */
  source: 'BlockUpdated' | 'TaskEnd';
  executorId: string;
  host: string;
  blockId: string;
  storageLevel: StorageLevel;
  memSize: number;
  diskSize: number;
  /** The task that updated it, for source 'TaskEnd'. */
  taskId?: number;
}

export interface AppModel {
  appId?: string;
  appName?: string;
  user?: string;
  startTime?: number;
  endTime?: number;
  /** From SparkListenerLogStart; Spark 1.2 and older logs have none. */
  sparkVersion?: string;
  sparkProperties: Record<string, string>;
  executors: Map<string, ExecutorRecord>;
  blockManagers: Map<string, BlockManagerRecord>;
  /** By job ID. */
  jobs: JobRecord[];
  /** By stage ID, then attempt. */
  stages: StageRecord[];
  /** In the order the log first mentions them. */
  tasks: TaskRecord[];
  /** In log order; Spark gives block updates no timestamp. */
  blockUpdates: BlockUpdateRecord[];
  unpersistedRddIds: number[];
  faults: FaultInjection[];
  /** Each executor's peak process metrics (SparkListenerStageExecutorMetrics), the largest value per name. */
  executorPeakMetrics: Map<string, Record<string, number>>;
}

/** Reads a log file (of any Spark version) straight into its model. */
export async function loadAppModel(path: string | URL): Promise<AppModel> {
  const builder = new AppModelBuilder();
  for await (const event of readEventLog(typeof path === 'string' ? path : fileURLToPath(path))) builder.add(event);
  return builder.build();
}

/** Builds the model from parsed events; anything that is not a known event is ignored. */
export function buildAppModel(events: Iterable<unknown>): AppModel {
  const builder = new AppModelBuilder();
  for (const event of events) builder.add(event);
  return builder.build();
}

class AppModelBuilder {
  private readonly model: AppModel = {
    sparkProperties: {},
    executors: new Map(),
    blockManagers: new Map(),
    jobs: [],
    stages: [],
    tasks: [],
    blockUpdates: [],
    unpersistedRddIds: [],
    faults: [],
    executorPeakMetrics: new Map(),
  };
  private readonly jobs = new Map<number, JobRecord>();
  /** Stage IDs submitted so far by each job still running. */
  private readonly runningJobs = new Map<number, Set<number>>();
  private readonly stages = new Map<string, StageRecord>();
  private readonly tasks = new Map<number, TaskRecord>();

  add(event: unknown): void {
    if (!isJsonObject(event)) return;
    switch (event['Event']) {
      case 'SparkListenerLogStart':
        this.model.sparkVersion = stringField(event, 'Spark Version');
        break;
      case 'SparkListenerApplicationStart':
        this.model.appName = stringField(event, 'App Name');
        this.model.appId = stringField(event, 'App ID');
        this.model.user = stringField(event, 'User');
        this.model.startTime = numberField(event, 'Timestamp');
        break;
      case 'SparkListenerApplicationEnd':
        this.model.endTime = numberField(event, 'Timestamp');
        break;
      case 'SparkListenerEnvironmentUpdate':
        this.model.sparkProperties = stringMapField(event, 'Spark Properties') ?? {};
        break;
      case 'SparkListenerExecutorAdded':
        this.executorAdded(event);
        break;
      case 'SparkListenerExecutorRemoved':
        this.executorRemoved(event);
        break;
      case 'SparkListenerBlockManagerAdded':
      case 'SparkListenerBlockManagerRemoved':
        this.blockManagerChanged(event);
        break;
      case 'SparkListenerJobStart':
        this.jobStart(event);
        break;
      case 'SparkListenerJobEnd':
        this.jobEnd(event);
        break;
      case 'SparkListenerStageSubmitted':
        this.stageSubmitted(event);
        break;
      case 'SparkListenerStageCompleted':
        this.stageCompleted(event);
        break;
      case 'SparkListenerTaskStart':
        this.taskStart(event);
        break;
      case 'SparkListenerTaskEnd':
        this.taskEnd(event);
        break;
      case 'SparkListenerBlockUpdated':
        this.blockUpdated(event);
        break;
      case 'SparkListenerUnpersistRDD': {
        const rddId = numberField(event, 'RDD ID');
        if (rddId !== undefined) this.model.unpersistedRddIds.push(rddId);
        break;
      }
      case 'SparkListenerStageExecutorMetrics': {
        const id = stringField(event, 'Executor ID');
        const metrics = readNumbers(event['Executor Metrics']);
        if (id === undefined || metrics === undefined) break;
        const peaks = this.model.executorPeakMetrics.get(id) ?? {};
        for (const [k, v] of Object.entries(metrics)) peaks[k] = Math.max(peaks[k] ?? v, v);
        this.model.executorPeakMetrics.set(id, peaks);
        break;
      }
      case 'SparkbenchFaultInjected': {
        const fault = readFaultInjection(event);
        if (fault !== undefined) this.model.faults.push(fault);
        break;
      }
    }
  }

  build(): AppModel {
    this.model.jobs = [...this.jobs.values()].sort((a, b) => a.jobId - b.jobId);
    this.model.stages = [...this.stages.values()].sort((a, b) => a.stageId - b.stageId || a.attemptId - b.attemptId);
    this.model.tasks = [...this.tasks.values()];
    return this.model;
  }

  private executorAdded(event: JsonObject): void {
    const id = stringField(event, 'Executor ID');
    if (id === undefined) return;
    const info = objectField(event, 'Executor Info') ?? {};
    const executorId = normaliseExecutorId(id);
    this.model.executors.set(executorId, {
      executorId,
      host: stringField(info, 'Host') ?? '',
      cores: numberField(info, 'Total Cores') ?? 0,
      added: numberField(event, 'Timestamp'),
      logUrls: stringMapField(info, 'Log Urls') ?? {},
    });
  }

  private executorRemoved(event: JsonObject): void {
    const id = stringField(event, 'Executor ID');
    if (id === undefined) return;
    const executorId = normaliseExecutorId(id);
    let executor = this.model.executors.get(executorId);
    if (executor === undefined) {
      executor = { executorId, host: '', cores: 0, logUrls: {} };
      this.model.executors.set(executorId, executor);
    }
    executor.removed = numberField(event, 'Timestamp');
    executor.removedReason = stringField(event, 'Removed Reason');
  }

  private blockManagerChanged(event: JsonObject): void {
    const id = readBlockManagerId(event['Block Manager ID']);
    if (id === undefined) return;
    const time = numberField(event, 'Timestamp');
    if (event['Event'] === 'SparkListenerBlockManagerAdded') {
      const maxMemory = numberField(event, 'Maximum Memory') ?? 0;
      this.model.blockManagers.set(id.executorId, { ...id, maxMemory, added: time });
      return;
    }
    const known = this.model.blockManagers.get(id.executorId);
    if (known !== undefined) known.removed = time;
    else this.model.blockManagers.set(id.executorId, { ...id, maxMemory: 0, removed: time });
  }

  private jobStart(event: JsonObject): void {
    const jobId = numberField(event, 'Job ID');
    if (jobId === undefined) return;
    const stageIds = numberArrayField(event, 'Stage IDs') ?? [];
    // "Stage Infos" arrived in Spark 1.2; before that Spark reads placeholders, as we do.
    const infos =
      arrayField(event, 'Stage Infos')?.flatMap((s) => readStageInfo(s) ?? []) ??
      stageIds.map((stageId) => placeholderStage(stageId));
    for (const info of infos) {
      const stage = this.stage(info);
      if (!stage.jobIds.includes(jobId)) stage.jobIds.push(jobId);
    }
    this.jobs.set(jobId, {
      jobId,
      submissionTime: numberField(event, 'Submission Time'),
      stageIds: stageIds.length > 0 ? stageIds : infos.map((s) => s.stageId),
      skippedStageIds: [],
      properties: stringMapField(event, 'Properties') ?? {},
    });
    this.runningJobs.set(jobId, new Set());
  }

  private jobEnd(event: JsonObject): void {
    const jobId = numberField(event, 'Job ID');
    if (jobId === undefined) return;
    let job = this.jobs.get(jobId);
    if (job === undefined) {
      job = { jobId, stageIds: [], skippedStageIds: [], properties: {} };
      this.jobs.set(jobId, job);
    }
    job.completionTime = numberField(event, 'Completion Time');
    job.result = readJobResult(event['Job Result']);
    const submitted = this.runningJobs.get(jobId);
    if (submitted === undefined) return;
    this.runningJobs.delete(jobId);
    job.skippedStageIds = job.stageIds.filter((id) => !submitted.has(id));
    for (const stage of this.stages.values()) {
      if (stage.status === 'pending' && job.skippedStageIds.includes(stage.stageId)) {
        stage.status = 'skipped';
        stage.skipped = true;
      }
    }
  }

  private stageSubmitted(event: JsonObject): void {
    const info = readStageInfo(event['Stage Info']);
    if (info === undefined) return;
    const stage = this.stage(info);
    stage.status = 'active';
    stage.skipped = false;
    updateStage(stage, info);
    for (const [jobId, submitted] of this.runningJobs) {
      if (!this.jobs.get(jobId)?.stageIds.includes(info.stageId)) continue;
      submitted.add(info.stageId);
      if (!stage.jobIds.includes(jobId)) stage.jobIds.push(jobId);
    }
  }

  private stageCompleted(event: JsonObject): void {
    const info = readStageInfo(event['Stage Info']);
    if (info === undefined) return;
    const stage = this.stage(info);
    updateStage(stage, info);
    stage.status = info.failureReason === undefined ? 'complete' : 'failed';
    stage.skipped = false;
  }

  /** The record of a stage attempt, created 'pending' from the first info that names it. */
  private stage(info: StageInfo): StageRecord {
    const key = `${info.stageId}.${info.attemptId}`;
    let stage = this.stages.get(key);
    if (stage === undefined) {
      stage = {
        stageId: info.stageId,
        attemptId: info.attemptId,
        name: info.name,
        numTasks: info.numTasks,
        parentIds: info.parentIds,
        rddInfos: info.rddInfos,
        status: 'pending',
        skipped: false,
        jobIds: [],
      };
      this.stages.set(key, stage);
    }
    return stage;
  }

  private taskStart(event: JsonObject): void {
    this.task(event);
  }

  private taskEnd(event: JsonObject): void {
    const reasonJson = event['Task End Reason'];
    const reason = readTaskEndReason(reasonJson);
    // Spark logs a second end, "Resubmitted", for a finished map task whose output was lost with
    // its executor. The attempt's own end stays its reason.
    const taskId = numberField(objectField(event, 'Task Info') ?? {}, 'Task ID');
    const ended = taskId === undefined ? undefined : this.tasks.get(taskId);
    if (reason.kind === 'Resubmitted' && ended?.reason !== undefined) {
      ended.resubmitted = true;
      return;
    }
    const task = this.task(event);
    if (task === undefined) return;
    task.reason = reason;
    task.taskType = stringField(event, 'Task Type');
    // Spark 1.x put a failed task's metrics inside its ExceptionFailure reason.
    const metricsJson =
      event['Task Metrics'] ?? (isJsonObject(reasonJson) ? reasonJson['Metrics'] : undefined);
    task.metrics = readTaskMetrics(metricsJson);
    const updated = isJsonObject(metricsJson) ? arrayField(metricsJson, 'Updated Blocks') ?? [] : [];
    for (const entry of updated) {
      const block = readUpdatedBlock(entry);
      if (block === undefined) continue;
      this.model.blockUpdates.push({
        source: 'TaskEnd',
        executorId: task.executorId,
        host: task.host,
        ...block,
        taskId: task.taskId,
      });
    }
  }

  /** Creates or refreshes a task's record from the event's "Task Info". */
  private task(event: JsonObject): TaskRecord | undefined {
    const info = readTaskInfo(event['Task Info']);
    if (info === undefined) return undefined;
    const known = this.tasks.get(info.taskId);
    const task: TaskRecord = {
      taskId: info.taskId,
      stageId: numberField(event, 'Stage ID') ?? -1,
      stageAttemptId: numberField(event, 'Stage Attempt ID') ?? 0,
      index: info.index,
      attempt: info.attempt,
      partitionId: info.partitionId,
      executorId: info.executorId,
      host: info.host,
      locality: info.locality,
      speculative: info.speculative,
      launchTime: info.launchTime,
      gettingResultTime: info.gettingResultTime,
      // A running task's "Finish Time" is 0.
      ...(info.finishTime > 0 && { finishTime: info.finishTime }),
      failed: info.failed,
      killed: info.killed,
      resubmitted: known?.resubmitted ?? false,
      metrics: known?.metrics ?? emptyTaskMetrics(),
      accumulables: Object.keys(info.accumulables).length > 0 ? info.accumulables : (known?.accumulables ?? {}),
      executorMetrics: readNumbers(event['Task Executor Metrics']) ?? known?.executorMetrics ?? {},
    };
    if (known === undefined) {
      this.tasks.set(info.taskId, task);
      return task;
    }
    return Object.assign(known, task);
  }

  private blockUpdated(event: JsonObject): void {
    const update = readBlockUpdate(event['Block Updated Info']);
    if (update === undefined) return;
    const { blockManagerId, ...block } = update;
    this.model.blockUpdates.push({
      source: 'BlockUpdated',
      executorId: blockManagerId.executorId,
      host: blockManagerId.host,
      ...block,
    });
  }
}

/** A JSON object of numbers, or undefined when there is none or it is empty. */
function readNumbers(json: unknown): Record<string, number> | undefined {
  if (!isJsonObject(json)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(json)) if (typeof v === 'number') out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

function placeholderStage(stageId: number): StageInfo {
  return { stageId, attemptId: 0, name: 'unknown', numTasks: 0, rddInfos: [], parentIds: [], details: '' };
}

/** Later infos of a stage attempt know more (times, cached partitions), so they win. */
function updateStage(stage: StageRecord, info: StageInfo): void {
  stage.name = info.name;
  stage.numTasks = info.numTasks;
  stage.parentIds = info.parentIds;
  stage.rddInfos = info.rddInfos;
  if (info.submissionTime !== undefined) stage.submissionTime = info.submissionTime;
  if (info.completionTime !== undefined) stage.completionTime = info.completionTime;
  if (info.failureReason !== undefined) stage.failureReason = info.failureReason;
}
