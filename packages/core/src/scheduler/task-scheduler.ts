import type { ExecutorView, TaskEndReasonView, TaskView } from './scheduler-listener.js';
import type { TaskDescription, TaskOutcome } from './task.js';
import type { SchedulerBackend, ExecutorLossReason } from './scheduler-backend.js';
import type { Clock } from '../clock.js';

/** One stage attempt's tasks (Spark's TaskSet), as the DAG scheduler hands them over. */
export interface TaskSet {
  readonly stageId: number;
  readonly stageAttemptId: number;
  readonly partitions: readonly number[];
  readonly taskType: 'ShuffleMapTask' | 'ResultTask';
  makeTask(partition: number, taskId: number, attemptNumber: number): TaskDescription;
  /** Executors that hold this partition's input (cached blocks), best first. */
  preferredExecutors(partition: number): readonly string[];
}

/** What the task scheduler tells the DAG scheduler. */
export interface TaskSchedulerEvents {
  taskStarted(view: TaskView): void;
  taskEnded(view: TaskView, reason: TaskEndReasonView, outcome: TaskOutcome | null): void;
  taskSetFailed(stageId: number, stageAttemptId: number, reason: string): void;
}

export interface TaskSchedulerConf {
  readonly maxTaskFailures: number;
  readonly localityWaitMs: number;
}

interface Running {
  readonly view: TaskView;
  readonly manager: TaskSetManager;
  readonly partition: number;
}

/** Spark's TaskSetManager: pending tasks, attempts and failures of one stage attempt. */
class TaskSetManager {
  readonly pending: number[];
  readonly attempts = new Map<number, number>();
  readonly failures = new Map<number, number>();
  readonly succeeded = new Map<number, TaskView>();
  readonly running = new Set<number>();
  zombie = false;
  lastLaunch: number;
  constructor(
    readonly set: TaskSet,
    now: number,
  ) {
    this.pending = [...set.partitions];
    this.lastLaunch = now;
  }
  get done(): boolean {
    return this.succeeded.size === this.set.partitions.length;
  }
}

/**
 * Spark's TaskSchedulerImpl: offers free executor cores to task sets in FIFO order, prefers executors that
 * hold a task's cached input (delay scheduling with spark.locality.wait), retries failed tasks up to
 * spark.task.maxFailures, and does not count executor loss against a task (as Spark does).
 */
export class TaskScheduler {
  private readonly executors = new Map<string, { view: ExecutorView; free: number }>();
  private readonly managers: TaskSetManager[] = [];
  private readonly running = new Map<number, Running>();
  private nextTaskId = 0;
  private localityTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly backend: SchedulerBackend,
    private readonly events: TaskSchedulerEvents,
    private readonly conf: TaskSchedulerConf,
    private readonly clock: Clock,
  ) {}

  hasExecutor(id: string): boolean {
    return this.executors.has(id);
  }

  executorAdded(view: ExecutorView): void {
    this.executors.set(view.executorId, { view, free: view.cores });
    this.reviveOffers();
  }

  submitTaskSet(set: TaskSet): void {
    // A new attempt of a stage replaces the old one (Spark marks the old attempt a zombie).
    for (const m of this.managers) if (m.set.stageId === set.stageId) m.zombie = true;
    this.managers.push(new TaskSetManager(set, this.clock.now()));
    this.reviveOffers();
  }

  /** Stops launching tasks of a stage attempt; running ones finish and are ignored. */
  cancelStage(stageId: number): void {
    for (const m of this.managers) if (m.set.stageId === stageId) m.zombie = true;
    this.prune();
  }

  /** Tasks running now, by executor (the fault injector picks the busiest). */
  runningByExecutor(): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.running.values()) out.set(r.view.executorId, (out.get(r.view.executorId) ?? 0) + 1);
    return out;
  }

  reviveOffers(): void {
    this.prune();
    let launched = true;
    while (launched) {
      launched = false;
      for (const [id, ex] of this.executors) {
        if (ex.free <= 0) continue;
        if (this.launchOne(id)) {
          launched = true;
        }
      }
    }
    this.armLocalityTimer();
  }

  private launchOne(executorId: string): boolean {
    const now = this.clock.now();
    for (const m of this.managers) {
      if (m.zombie || m.pending.length === 0) continue;
      const pick = this.pickTask(m, executorId, now);
      if (pick === null) continue;
      const { index, locality } = pick;
      const partition = m.pending.splice(index, 1)[0];
      const attempt = m.attempts.get(partition) ?? 0;
      m.attempts.set(partition, attempt + 1);
      m.lastLaunch = now;
      const taskId = this.nextTaskId++;
      const ex = this.executors.get(executorId)!;
      ex.free--;
      const view: TaskView = {
        taskId,
        index: partition,
        attempt,
        stageId: m.set.stageId,
        stageAttemptId: m.set.stageAttemptId,
        launchTime: now,
        executorId,
        host: ex.view.host,
        locality,
        taskType: m.set.taskType,
      };
      m.running.add(taskId);
      this.running.set(taskId, { view, manager: m, partition });
      this.events.taskStarted(view);
      this.backend.launchTask(executorId, m.set.makeTask(partition, taskId, attempt));
      return true;
    }
    return false;
  }

  /** Delay scheduling: a task with a preferred executor waits spark.locality.wait for it before going anywhere. */
  private pickTask(m: TaskSetManager, executorId: string, now: number): { index: number; locality: TaskView['locality'] } | null {
    let fallback: { index: number; locality: TaskView['locality'] } | null = null;
    const waited = now - m.lastLaunch >= this.conf.localityWaitMs;
    for (let i = 0; i < m.pending.length; i++) {
      const prefs = m.set.preferredExecutors(m.pending[i]).filter((e) => this.executors.has(e));
      if (prefs.length === 0) {
        // No live preference: any executor is as local as it gets.
        fallback ??= { index: i, locality: 'PROCESS_LOCAL' };
        continue;
      }
      if (prefs.includes(executorId)) return { index: i, locality: 'PROCESS_LOCAL' };
      if (waited) fallback ??= { index: i, locality: 'ANY' };
    }
    return fallback;
  }

  private armLocalityTimer(): void {
    const waiting = this.managers.some((m) => !m.zombie && m.pending.length > 0);
    const idle = [...this.executors.values()].some((e) => e.free > 0);
    if (waiting && idle && this.localityTimer === undefined) {
      this.localityTimer = setTimeout(() => {
        this.localityTimer = undefined;
        this.reviveOffers();
      }, Math.max(10, this.conf.localityWaitMs));
      this.localityTimer.unref();
    }
  }

  private prune(): void {
    for (let i = this.managers.length - 1; i >= 0; i--) {
      const m = this.managers[i];
      if ((m.zombie || m.done) && m.running.size === 0) this.managers.splice(i, 1);
    }
  }

  statusUpdate(taskId: number, outcome: TaskOutcome): void {
    const r = this.running.get(taskId);
    if (r === undefined) return; // a late result of a task already given up (its executor was lost)
    this.running.delete(taskId);
    r.manager.running.delete(taskId);
    const ex = this.executors.get(r.view.executorId);
    if (ex !== undefined) ex.free++;
    r.view.finishTime = this.clock.now();
    const m = r.manager;
    if (outcome.status === 'success') {
      if (!m.succeeded.has(r.partition)) m.succeeded.set(r.partition, r.view);
      this.events.taskEnded(r.view, { kind: 'Success' }, outcome);
    } else if (outcome.status === 'fetchFailed') {
      // The map output is gone: this stage attempt cannot finish; the DAG scheduler resubmits.
      m.zombie = true;
      this.events.taskEnded(
        r.view,
        {
          kind: 'FetchFailed',
          executorId: outcome.executorId,
          host: outcome.host,
          shuffleId: outcome.shuffleId,
          mapId: outcome.mapId,
          mapIndex: outcome.mapIndex,
          reduceId: outcome.reduceId,
          message: outcome.message,
        },
        outcome,
      );
    } else {
      this.events.taskEnded(r.view, { kind: 'ExceptionFailure', className: outcome.className, description: outcome.message, stack: outcome.stack }, outcome);
      const failures = (m.failures.get(r.partition) ?? 0) + 1;
      m.failures.set(r.partition, failures);
      if (!m.zombie) {
        if (failures >= this.conf.maxTaskFailures) {
          m.zombie = true;
          this.events.taskSetFailed(
            m.set.stageId,
            m.set.stageAttemptId,
            `Task ${r.partition} in stage ${m.set.stageId}.${m.set.stageAttemptId} failed ${failures} times, most recent failure: Lost task ${r.partition}.${r.view.attempt} in stage ${m.set.stageId}.${m.set.stageAttemptId} (TID ${taskId}) (${r.view.host} executor ${r.view.executorId}): ${outcome.className}: ${outcome.message}`,
          );
        } else if (!m.succeeded.has(r.partition)) {
          m.pending.push(r.partition);
        }
      }
    }
    this.reviveOffers();
  }

  /**
   * Fails the executor's running tasks with ExecutorLostFailure (not counted toward maxFailures) and, for
   * stages still running, re-queues map tasks whose output died with it (Spark's "Resubmitted").
   */
  executorLost(executorId: string, reason: ExecutorLossReason): void {
    if (!this.executors.delete(executorId)) return;
    for (const [taskId, r] of [...this.running]) {
      if (r.view.executorId !== executorId) continue;
      this.running.delete(taskId);
      r.manager.running.delete(taskId);
      r.view.finishTime = this.clock.now();
      this.events.taskEnded(r.view, { kind: 'ExecutorLostFailure', executorId, exitCausedByApp: reason.exitCausedByApp, lossReason: reason.message }, null);
      if (!r.manager.zombie && !r.manager.succeeded.has(r.partition)) r.manager.pending.push(r.partition);
    }
    for (const m of this.managers) {
      if (m.zombie || m.set.taskType !== 'ShuffleMapTask') continue;
      for (const [partition, view] of [...m.succeeded]) {
        if (view.executorId !== executorId) continue;
        m.succeeded.delete(partition);
        m.pending.push(partition);
        this.events.taskEnded(view, { kind: 'Resubmitted' }, null);
      }
    }
    this.reviveOffers();
  }

  stop(): void {
    if (this.localityTimer !== undefined) clearTimeout(this.localityTimer);
    for (const m of this.managers) m.zombie = true;
  }
}
