import type { Lineage, RDD, ShuffleDependency } from '../rdd/rdd.js';
import { rddBlockId } from '../storage/block-id.js';
import type { MapStatus } from '../shuffle/map-status.js';
import type { BlockManagerMaster } from '../storage/block-manager-master.js';
import type { Clock } from '../clock.js';
import { isAvailable, missingPartitions, type ResultStage, type ShuffleMapStage, type Stage } from './stage.js';
import type { SchedulerListener, StageView, TaskEndReasonView, TaskView } from './scheduler-listener.js';
import type { ResultAction, TaskDescription, TaskOutcome } from './task.js';
import type { TaskScheduler, TaskSchedulerEvents } from './task-scheduler.js';

export interface DAGSchedulerConf {
  /** spark.stage.maxConsecutiveAttempts */
  readonly maxConsecutiveStageAttempts: number;
  /** Spark waits a moment after a fetch failure so that more failures of the same loss arrive together. */
  readonly resubmitDelayMs: number;
}

interface ActiveJob {
  readonly jobId: number;
  readonly submissionTime: number;
  readonly finalStage: ResultStage;
  readonly results: unknown[];
  readonly finished: boolean[];
  numFinished: number;
  readonly properties: Record<string, string>;
  readonly resolve: (results: unknown[]) => void;
  readonly reject: (err: Error) => void;
}

/** A job that ended without a result: a stage exhausted its attempts or a task its retries. */
export class SparkException extends Error {
  override readonly name = 'SparkException';
}

/**
 * Spark's DAGScheduler: cuts a job into stages at shuffle boundaries, runs a stage once its parents'
 * outputs exist, skips stages whose output is already there (or whose RDD is fully cached), and recovers
 * from lost map outputs by resubmitting just the missing map partitions as a new stage attempt.
 */
export class DAGScheduler implements TaskSchedulerEvents {
  private nextJobId = 0;
  private nextStageId = 0;
  private readonly stages = new Map<number, Stage>();
  private readonly shuffleStages = new Map<number, ShuffleMapStage>();
  private readonly jobs = new Map<number, ActiveJob>();
  private readonly waiting = new Set<Stage>();
  private readonly running = new Set<Stage>();
  private readonly failed = new Set<Stage>();
  /** Partitions of the running attempt of each stage not yet done (Spark's pendingPartitions). */
  private readonly pending = new Map<number, Set<number>>();
  private readonly views = new Map<number, StageView>();
  private resubmitTimer: NodeJS.Timeout | undefined;
  taskScheduler!: TaskScheduler;

  constructor(
    private readonly rdds: (id: number) => RDD,
    private readonly blocks: BlockManagerMaster,
    private readonly listener: SchedulerListener,
    private readonly conf: DAGSchedulerConf,
    private readonly clock: Clock,
  ) {}

  /** Runs `action` on every partition of `rdd`; resolves with the per-partition results in order. */
  runJob(rdd: RDD, action: ResultAction, properties: Record<string, string>): Promise<unknown[]> {
    const jobId = this.nextJobId++;
    return new Promise((resolve, reject) => {
      let finalStage: ResultStage;
      try {
        finalStage = this.newResultStage(rdd, action, jobId);
      } catch (err) {
        reject(err);
        return;
      }
      const job: ActiveJob = {
        jobId,
        submissionTime: this.clock.now(),
        finalStage,
        results: new Array(rdd.numPartitions),
        finished: new Array(rdd.numPartitions).fill(false),
        numFinished: 0,
        properties,
        resolve,
        reject,
      };
      this.jobs.set(jobId, job);
      const all = this.ancestors(finalStage).sort((a, b) => a.id - b.id);
      this.listener.jobStart?.(jobId, this.clock.now(), all.map((s) => this.stageView(s, Math.max(0, s.latestAttempt))), properties);
      this.listener.log?.('INFO', 'DAGScheduler', `Got job ${jobId} (${finalStage.name}) with ${rdd.numPartitions} output partitions`);
      if (rdd.numPartitions === 0) {
        this.finishJob(job);
        return;
      }
      this.submitStage(finalStage);
    });
  }

  private ancestors(stage: Stage, out = new Set<Stage>()): Stage[] {
    out.add(stage);
    for (const p of stage.parents) if (!out.has(p)) this.ancestors(p, out);
    return [...out];
  }

  /**
   * The fields every stage starts with. Parents are made first, as in Spark's createResultStage and
   * getOrCreateShuffleMapStage, so stage ids grow along the lineage (a job's map stages come first).
   */
  private stageBase(rdd: RDD, jobId: number, name: string) {
    const parents = this.parentStages(rdd, jobId);
    return { id: this.nextStageId++, rdd, numTasks: rdd.numPartitions, parents, firstJobId: jobId, latestAttempt: -1, failedAttempts: 0, name };
  }

  private newResultStage(rdd: RDD, action: ResultAction, jobId: number): ResultStage {
    // rdd.callSite reads `<method> at <file>:<line>`; the stage is named after the action, as in Spark.
    const stage: ResultStage = { kind: 'result', ...this.stageBase(rdd, jobId, `${actionName(action)} at ${rdd.callSite.replace(/^.*? at /, '')}`), action };
    this.stages.set(stage.id, stage);
    return stage;
  }

  private shuffleMapStage(dep: ShuffleDependency, jobId: number): ShuffleMapStage {
    const existing = this.shuffleStages.get(dep.shuffleId);
    if (existing !== undefined) return existing;
    const rdd = this.rdds(dep.parentRddId);
    const stage: ShuffleMapStage = {
      kind: 'shuffleMap',
      ...this.stageBase(rdd, jobId, rdd.callSite),
      shuffleDep: dep,
      outputs: new Array(rdd.numPartitions).fill(undefined),
    };
    this.stages.set(stage.id, stage);
    this.shuffleStages.set(dep.shuffleId, stage);
    return stage;
  }


  /** The shuffle map stages directly below `rdd` (through narrow dependencies). */
  private parentStages(rdd: RDD, jobId: number): Stage[] {
    const out: Stage[] = [];
    const seen = new Set<number>();
    const visit = (r: RDD): void => {
      if (seen.has(r.id)) return;
      seen.add(r.id);
      if (r.checkpoint?.kind === 'reliable') return;
      for (const d of r.deps) {
        if (d.type === 'shuffle') {
          const s = this.shuffleMapStage(d.shuffle, jobId);
          if (!out.includes(s)) out.push(s);
        } else visit(this.rdds(d.rddId));
      }
    };
    visit(rdd);
    return out;
  }

  private fullyCached(rdd: RDD): boolean {
    return rdd.storageLevel !== 'NONE' && this.blocks.cachedPartitions(rdd.id, rdd.numPartitions) === rdd.numPartitions;
  }

  /** Parent stages whose output is missing, not looking below RDDs that are fully cached (Spark's rule). */
  private missingParents(stage: Stage): ShuffleMapStage[] {
    const out: ShuffleMapStage[] = [];
    const seen = new Set<number>();
    const visit = (r: RDD): void => {
      if (seen.has(r.id)) return;
      seen.add(r.id);
      if (r.checkpoint?.kind === 'reliable' || this.fullyCached(r)) return;
      for (const d of r.deps) {
        if (d.type === 'shuffle') {
          const s = this.shuffleStages.get(d.shuffle.shuffleId)!;
          if (!isAvailable(s) && !out.includes(s)) out.push(s);
        } else visit(this.rdds(d.rddId));
      }
    };
    visit(stage.rdd);
    return out;
  }

  private activeJobFor(stage: Stage): ActiveJob | undefined {
    for (const job of this.jobs.values()) if (this.ancestors(job.finalStage).includes(stage)) return job;
    return undefined;
  }

  private submitStage(stage: Stage): void {
    if (this.waiting.has(stage) || this.running.has(stage) || this.failed.has(stage)) return;
    const missing = this.missingParents(stage);
    if (missing.length === 0) {
      this.submitMissingTasks(stage);
      return;
    }
    for (const parent of missing.sort((a, b) => a.id - b.id)) this.submitStage(parent);
    this.waiting.add(stage);
  }

  private submitMissingTasks(stage: Stage): void {
    const job = this.activeJobFor(stage);
    if (job === undefined) return;
    const partitions = missingPartitions(stage, stage.kind === 'result' ? job.finished : []);
    stage.latestAttempt++;
    const attempt = stage.latestAttempt;
    // Spark logs a stage attempt with the number of partitions it actually computes.
    const view = { ...this.stageView(stage, attempt), numTasks: partitions.length };
    view.submissionTime = this.clock.now();
    this.views.set(stage.id, view);
    this.running.add(stage);
    this.pending.set(stage.id, new Set(partitions));
    this.listener.stageSubmitted?.(view, job.properties);
    this.listener.log?.(
      'INFO',
      'DAGScheduler',
      `Submitting ${partitions.length} missing tasks from ${stage.kind === 'result' ? 'ResultStage' : 'ShuffleMapStage'} ${stage.id} (${stage.rdd.name}) (first 15 tasks are for partitions Vector(${partitions.slice(0, 15).join(', ')}))`,
    );
    if (partitions.length === 0) {
      this.stageFinished(stage);
      return;
    }
    const lineage = this.lineageOf(stage.rdd);
    const shuffleIds = shufflesRead(lineage);
    this.taskScheduler.submitTaskSet({
      stageId: stage.id,
      stageAttemptId: attempt,
      partitions,
      taskType: stage.kind === 'result' ? 'ResultTask' : 'ShuffleMapTask',
      makeTask: (partition, taskId, attemptNumber): TaskDescription => ({
        taskId,
        attemptNumber,
        stageId: stage.id,
        stageAttemptId: attempt,
        partition,
        rddId: stage.rdd.id,
        lineage,
        kind: stage.kind === 'result' ? 'result' : 'shuffleMap',
        shuffleDep: stage.kind === 'shuffleMap' ? stage.shuffleDep : undefined,
        action: stage.kind === 'result' ? stage.action : undefined,
        mapStatuses: this.mapStatusesFor(shuffleIds),
        blockLocations: this.blockLocationsFor(lineage, partition),
      }),
      preferredExecutors: (partition) => this.preferredExecutors(stage.rdd, partition),
    });
  }

  /** The RDDs a task of this stage may compute: `rdd` and its ancestors down to shuffle boundaries. */
  private lineageOf(rdd: RDD): Lineage {
    const out: Lineage = {};
    const visit = (r: RDD): void => {
      if (out[r.id] !== undefined) return;
      out[r.id] = r;
      if (r.checkpoint?.kind === 'reliable') return;
      for (const d of r.deps) if (d.type === 'narrow') visit(this.rdds(d.rddId));
    };
    visit(rdd);
    return out;
  }

  private mapStatusesFor(shuffleIds: number[]): Record<number, (MapStatus | null)[]> {
    const out: Record<number, (MapStatus | null)[]> = {};
    for (const id of shuffleIds) out[id] = (this.shuffleStages.get(id)?.outputs ?? []).map((o) => o ?? null);
    return out;
  }

  private blockLocationsFor(lineage: Lineage, partition: number): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const r of Object.values(lineage)) {
      if (r.storageLevel === 'NONE') continue;
      const id = rddBlockId(r.id, partition);
      out[id] = this.blocks.locations(id);
    }
    return out;
  }

  /** Spark's getPreferredLocs: executors caching the partition, else those of the nearest narrow parent. */
  private preferredExecutors(rdd: RDD, partition: number): string[] {
    if (rdd.storageLevel !== 'NONE') {
      const locs = this.blocks.locations(rddBlockId(rdd.id, partition));
      if (locs.length > 0) return locs;
    }
    for (const d of rdd.deps) {
      if (d.type !== 'narrow') continue;
      const locs = this.preferredExecutors(this.rdds(d.rddId), partition);
      if (locs.length > 0) return locs;
    }
    return [];
  }

  private stageView(stage: Stage, attempt: number): StageView {
    const lineage = Object.values(this.lineageOf(stage.rdd)).sort((a, b) => a.id - b.id);
    return {
      stageId: stage.id,
      attemptId: attempt,
      name: stage.name,
      numTasks: stage.numTasks,
      rdds: lineage,
      parentIds: stage.parents.map((p) => p.id),
      details: stage.rdd.callSite,
    };
  }

  // ---- events from the task scheduler ----

  taskStarted(view: TaskView): void {
    this.listener.taskStart?.(view);
  }

  taskEnded(view: TaskView, reason: TaskEndReasonView, outcome: TaskOutcome | null): void {
    // The task's updated blocks were reported by its executor as they changed (the backend's blockUpdated);
    // they travel here only for the TaskEnd event's "Updated Blocks".
    if (outcome?.status === 'success') {
      for (const w of outcome.warnings) this.listener.log?.('WARN', 'MemoryStore', w);
    }
    this.listener.taskEnd?.(view, reason, outcome?.metrics ?? null, outcome);
    const failure = failureText(reason);
    if (failure !== null) {
      this.listener.log?.('WARN', 'TaskSetManager', `Lost task ${view.index}.${view.attempt} in stage ${view.stageId}.${view.stageAttemptId} (TID ${view.taskId}) (${view.host} executor ${view.executorId}): ${failure}`);
    }
    const stage = this.stages.get(view.stageId);
    if (stage === undefined) return;
    switch (reason.kind) {
      case 'Success':
        this.handleSuccess(stage, view, outcome!);
        break;
      case 'Resubmitted':
        this.pending.get(stage.id)?.add(view.index);
        break;
      case 'FetchFailed':
        this.handleFetchFailed(stage, view, reason);
        break;
      default:
        break; // the task scheduler retries
    }
  }

  private handleSuccess(stage: Stage, view: TaskView, outcome: TaskOutcome): void {
    if (outcome.status !== 'success') return;
    if (stage.kind === 'result') {
      const job = this.activeJobFor(stage);
      if (job === undefined || job.finished[view.index]) return;
      job.finished[view.index] = true;
      job.results[view.index] = outcome.value;
      job.numFinished++;
      this.pending.get(stage.id)?.delete(view.index);
      if (job.numFinished === job.finished.length) {
        this.stageFinished(stage);
        this.finishJob(job);
      }
      return;
    }
    const status = outcome.value as MapStatus;
    // Output written by an executor that has since been lost is gone already (Spark's failedEpoch check).
    if (this.taskScheduler.hasExecutor(status.executorId)) stage.outputs[view.index] = status;
    const pending = this.pending.get(stage.id);
    if (view.stageAttemptId === stage.latestAttempt) pending?.delete(view.index);
    else if (stage.outputs[view.index] !== undefined) pending?.delete(view.index);
    if (this.running.has(stage) && pending !== undefined && pending.size === 0) {
      this.stageFinished(stage);
      if (!isAvailable(stage)) {
        this.listener.log?.('INFO', 'DAGScheduler', `Resubmitting ${stageLabel(stage)} (${stage.name}) because some of its tasks had failed: ${missingPartitions(stage, []).join(', ')}`);
        this.submitStage(stage);
      } else {
        this.submitWaitingChildren();
      }
    }
  }

  private handleFetchFailed(stage: Stage, view: TaskView, reason: Extract<TaskEndReasonView, { kind: 'FetchFailed' }>): void {
    const mapStage = this.shuffleStages.get(reason.shuffleId);
    if (view.stageAttemptId !== stage.latestAttempt || mapStage === undefined) return;
    if (this.running.has(stage)) {
      this.stageFinished(stage, `${reason.message}`);
    }
    this.failed.add(stage);
    this.failed.add(mapStage);
    if (reason.mapIndex >= 0 && mapStage.outputs[reason.mapIndex]?.mapId === reason.mapId) mapStage.outputs[reason.mapIndex] = undefined;
    if (reason.executorId !== '') this.removeOutputsOn(reason.executorId);
    stage.failedAttempts++;
    if (stage.failedAttempts >= this.conf.maxConsecutiveStageAttempts) {
      this.abortStage(
        stage,
        `${stageLabel(stage)} (${stage.name}) has failed the maximum allowable number of times: ${this.conf.maxConsecutiveStageAttempts}. Most recent failure reason: ${reason.message}`,
      );
      return;
    }
    this.listener.log?.('INFO', 'DAGScheduler', `Marking ${stageLabel(stage)} (${stage.name}) as failed due to a fetch failure from ${stageLabel(mapStage)} (${mapStage.name})`);
    if (this.resubmitTimer === undefined) {
      this.resubmitTimer = setTimeout(() => {
        this.resubmitTimer = undefined;
        this.resubmitFailedStages();
      }, this.conf.resubmitDelayMs);
    }
  }

  private resubmitFailedStages(): void {
    const stages = [...this.failed].sort((a, b) => a.firstJobId - b.firstJobId || a.id - b.id);
    this.failed.clear();
    if (stages.length === 0) return;
    this.listener.log?.('INFO', 'DAGScheduler', `Resubmitting failed stages: ${stages.map((s) => `${stageLabel(s)} (${s.name})`).join(', ')}`);
    for (const s of stages) this.submitStage(s);
  }

  private removeOutputsOn(executorId: string): void {
    for (const s of this.shuffleStages.values()) {
      for (let p = 0; p < s.outputs.length; p++) {
        if (s.outputs[p]?.executorId === executorId) {
          s.outputs[p] = undefined;
          if (this.running.has(s)) this.pending.get(s.id)?.add(p);
        }
      }
    }
  }

  private stageFinished(stage: Stage, failureReason?: string): void {
    this.running.delete(stage);
    const view = this.views.get(stage.id);
    if (view !== undefined) {
      view.completionTime = this.clock.now();
      if (failureReason !== undefined) view.failureReason = failureReason;
      this.listener.stageCompleted?.(view);
      if (failureReason === undefined) {
        const secs = ((view.completionTime - (view.submissionTime ?? view.completionTime)) / 1000).toFixed(3);
        this.listener.log?.('INFO', 'DAGScheduler', `${stageLabel(stage)} ${stage.id} (${stage.name}) finished in ${secs} s`);
        stage.failedAttempts = 0;
      }
    }
  }

  private submitWaitingChildren(): void {
    for (const s of [...this.waiting].sort((a, b) => a.id - b.id)) {
      if (this.missingParents(s).length === 0) {
        this.waiting.delete(s);
        this.submitStage(s);
      }
    }
  }

  taskSetFailed(stageId: number, _attempt: number, reason: string): void {
    const stage = this.stages.get(stageId);
    if (stage !== undefined) this.abortStage(stage, reason);
  }

  private abortStage(stage: Stage, reason: string): void {
    for (const job of [...this.jobs.values()]) {
      if (!this.ancestors(job.finalStage).includes(stage)) continue;
      this.failJob(job, `Job aborted due to stage failure: ${reason}`);
    }
  }

  private failJob(job: ActiveJob, message: string): void {
    for (const s of this.ancestors(job.finalStage)) {
      this.taskScheduler.cancelStage(s.id);
      if (this.running.has(s)) this.stageFinished(s, message);
      this.waiting.delete(s);
      this.failed.delete(s);
    }
    this.jobs.delete(job.jobId);
    this.listener.jobEnd?.(job.jobId, this.clock.now(), message);
    this.listener.log?.('INFO', 'DAGScheduler', `Job ${job.jobId} failed: ${job.finalStage.name}, took ${((this.clock.now() - job.submissionTime) / 1000).toFixed(6)} s`);
    job.reject(new SparkException(message));
  }

  private finishJob(job: ActiveJob): void {
    this.jobs.delete(job.jobId);
    this.listener.jobEnd?.(job.jobId, this.clock.now());
    this.listener.log?.('INFO', 'DAGScheduler', `Job ${job.jobId} finished: ${job.finalStage.name}, took ${((this.clock.now() - job.submissionTime) / 1000).toFixed(6)} s`);
    job.resolve(job.results);
  }

  /** Called on executor loss, before the task scheduler fails its tasks: its map outputs and blocks are gone. */
  executorLost(executorId: string): void {
    this.removeOutputsOn(executorId);
    for (const blockId of this.blocks.removeExecutor(executorId)) {
      this.listener.log?.('WARN', 'BlockManagerMasterEndpoint', `No more replicas available for ${blockId} !`);
    }
  }

  /** Ends every job with `message` (the application is stopping). */
  cancelAll(message: string): void {
    for (const job of [...this.jobs.values()]) this.failJob(job, message);
    if (this.resubmitTimer !== undefined) clearTimeout(this.resubmitTimer);
  }
}

function actionName(action: ResultAction): string {
  switch (action.kind) {
    case 'count':
      return 'count';
    case 'collect':
      return 'collect';
    case 'summary':
      return 'showString';
    case 'checkpoint':
      return 'checkpoint';
    case 'inferCsvSchema':
      return 'csv';
  }
}

/** How Spark's TaskSetManager words a failed task's reason in its WARN line; null for non-failures. */
function failureText(reason: TaskEndReasonView): string | null {
  switch (reason.kind) {
    case 'ExceptionFailure':
      return `${reason.className}: ${reason.description}`;
    case 'FetchFailed':
      return `FetchFailed(BlockManagerId(${reason.executorId}, ${reason.host}), shuffleId=${reason.shuffleId}, mapIndex=${reason.mapIndex}, mapId=${reason.mapId}, reduceId=${reason.reduceId}, message=\n${reason.message})`;
    case 'ExecutorLostFailure':
      return `ExecutorLostFailure (executor ${reason.executorId} exited ${reason.exitCausedByApp ? 'caused by one of the running tasks' : 'unrelated to the running tasks'}) Reason: ${reason.lossReason}`;
    default:
      return null;
  }
}

function stageLabel(stage: Stage): string {
  return stage.kind === 'result' ? 'ResultStage' : 'ShuffleMapStage';
}

function shufflesRead(lineage: Lineage): number[] {
  const out: number[] = [];
  for (const r of Object.values(lineage)) for (const d of r.deps) if (d.type === 'shuffle') out.push(d.shuffle.shuffleId);
  return out;
}
