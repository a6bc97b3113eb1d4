/**
 * Fires `--fault` specs at the moment they name, with real signals, and records each as a
 * SparkbenchFaultInjected event so the analysis can line the fault up with the recovery it caused.
 *
 * It is a scheduler listener: progress triggers are checked on the events that move progress
 * (stage submissions and successful task ends), so a fault fires inside the very event that crosses
 * its threshold, while the tasks counted as running are still running.
 */
import { addShutdownHook, type SchedulerListener, type StageView, type TaskEndReasonView, type TaskView, type events } from '@sparkbench/core';
import type { FaultSpec } from './fault-spec.js';
import { busiestExecutor, compareExecutorIds, type FaultTarget } from './fault-target.js';
import { TaskProgress } from './task-progress.js';

export type { FaultTarget } from './fault-target.js';

/** What the injector needs from the cluster it runs in. */
export interface FaultHooks {
  /** The executors alive now. */
  executors(): FaultTarget[];
  /** Tasks running now, by executor id; picks the victim when a spec names none. */
  runningTasks(): ReadonlyMap<string, number>;
  /** Writes the fault to the event log. */
  record(f: events.FaultInjection): void;
  log(level: 'INFO' | 'WARN' | 'ERROR', source: string, message: string): void;
  /** Sends a signal; process.kill when absent. Throws like process.kill (err.code 'ESRCH' for a gone process). */
  signal?(pid: number, signal: NodeJS.Signals): void;
}

interface Paused {
  readonly executorId: string;
  readonly timer: NodeJS.Timeout;
  readonly removeShutdownHook: () => void;
}

const SOURCE = 'FaultInjector';

export class FaultInjector implements SchedulerListener {
  private readonly waiting: FaultSpec[];
  private readonly injected: events.FaultInjection[] = [];
  private readonly progress = new TaskProgress();
  /** Time-trigger timers of each running job. */
  private readonly jobTimers = new Map<number, NodeJS.Timeout[]>();
  /** Paused processes by pid, each waiting for its SIGCONT. */
  private readonly paused = new Map<number, Paused>();
  private stopped = false;

  constructor(
    specs: readonly FaultSpec[],
    private readonly hooks: FaultHooks,
    private readonly clock: { now(): number } = { now: () => Date.now() },
  ) {
    this.waiting = [...specs];
  }

  /** Faults injected so far, in order. */
  fired(): events.FaultInjection[] {
    return [...this.injected];
  }

  /** Specs that have not fired yet. A spec that came due but found no target is not pending any more. */
  pending(): FaultSpec[] {
    return [...this.waiting];
  }

  /** Clears every timer and resumes every paused process: no fault outlives the run. Idempotent. */
  stop(): void {
    this.stopped = true;
    for (const timers of this.jobTimers.values()) for (const t of timers) clearTimeout(t);
    this.jobTimers.clear();
    for (const pid of [...this.paused.keys()]) this.resume(pid, 'as the fault injector stopped');
  }

  jobStart(jobId: number, _time: number, stages: readonly StageView[]): void {
    if (this.stopped) return;
    this.progress.jobStarted(jobId, stages);
    const timers: NodeJS.Timeout[] = [];
    for (const spec of this.waiting) {
      if (spec.trigger.kind !== 'afterJobStart') continue;
      const ms = spec.trigger.ms;
      const timer = setTimeout(() => this.fire(spec, `${ms} ms after job ${jobId} started`), ms);
      // A pending fault must never keep the driver alive after its work is done.
      timer.unref();
      timers.push(timer);
    }
    if (timers.length > 0) this.jobTimers.set(jobId, timers);
  }

  jobEnd(jobId: number, _time?: number): void {
    for (const t of this.jobTimers.get(jobId) ?? []) clearTimeout(t);
    this.jobTimers.delete(jobId);
    this.progress.jobEnded(jobId);
  }

  stageSubmitted(stage: StageView): void {
    if (this.stopped) return;
    this.progress.stageSubmitted(stage);
    this.checkProgress(stage.stageId);
  }

  taskEnd(task: TaskView, reason: TaskEndReasonView): void {
    if (this.stopped || reason.kind !== 'Success') return;
    this.progress.taskSucceeded(task);
    this.checkProgress(task.stageId);
  }

  private checkProgress(stageId: number): void {
    for (const spec of [...this.waiting]) {
      const why = this.progressMet(spec, stageId);
      if (why !== undefined) this.fire(spec, why);
    }
  }

  /** Why the spec's progress trigger is met after an event on `stageId`, or undefined while it is not. */
  private progressMet(spec: FaultSpec, stageId: number): string | undefined {
    const trigger = spec.trigger;
    if (trigger.kind === 'jobProgress') {
      for (const jobId of this.progress.jobsOf(stageId)) {
        const p = this.progress.job(jobId);
        if (p !== undefined && p.total > 0 && p.done / p.total >= trigger.fraction) return `job ${jobId} had ${p.done} of ${p.total} tasks finished`;
      }
    } else if (trigger.kind === 'stageProgress' && trigger.stageId === stageId) {
      const p = this.progress.stage(stageId);
      if (p !== undefined && p.total > 0 && p.done / p.total >= trigger.fraction) return `stage ${stageId} had ${p.done} of ${p.total} tasks finished`;
    }
    return undefined;
  }

  private fire(spec: FaultSpec, why: string): void {
    const index = this.waiting.indexOf(spec);
    if (this.stopped || index < 0) return;
    // Due now: it fires or is dropped, once, so a missing target warns once rather than on every task end.
    this.waiting.splice(index, 1);

    const targets = this.hooks.executors();
    const running = this.hooks.runningTasks();
    const target = spec.executorId !== undefined ? targets.find((t) => t.executorId === spec.executorId) : busiestExecutor(targets, running);
    if (target === undefined) {
      const live = targets.map((t) => t.executorId).sort(compareExecutorIds);
      const missing = spec.executorId !== undefined ? `no executor ${spec.executorId}` : 'no executor';
      this.warn(`fault ${spec.text} not injected (${why}): ${missing} is alive (live executors: ${live.join(', ') || 'none'})`);
      return;
    }
    const pid = spec.action === 'kill-worker' ? target.workerPid : target.pid;
    if (pid === undefined) {
      this.warn(`fault ${spec.text} not injected (${why}): executor ${target.executorId} has no worker process`);
      return;
    }

    const what = `${spec.action === 'kill-worker' ? `the worker of executor ${target.executorId}` : `executor ${target.executorId}`} (pid ${pid}) on ${target.host}`;
    const tasks = running.get(target.executorId) ?? 0;
    const time = this.clock.now();
    const error = this.send(pid, spec.signal);
    if (error !== undefined) {
      this.warn(`fault ${spec.text} not injected (${why}): ${spec.signal} to ${what} failed: ${error}`);
      return;
    }
    const detail =
      `executor ${target.executorId} was running ${tasks} ${tasks === 1 ? 'task' : 'tasks'}; ${why}` +
      (spec.action === 'pause-executor' ? `; paused for ${spec.pauseMs} ms` : '');
    const injection: events.FaultInjection = {
      time,
      action: spec.action,
      targetExecutorId: target.executorId,
      host: target.host,
      pid,
      signal: spec.signal,
      trigger: spec.text,
      detail,
    };
    this.injected.push(injection);
    this.hooks.record(injection);
    this.warn(`injected ${spec.text}: sent ${spec.signal} to ${what}; ${detail}`);
    if (spec.action === 'pause-executor') this.schedulePause(pid, target.executorId, spec.pauseMs ?? 0);
  }

  private schedulePause(pid: number, executorId: string, ms: number): void {
    // A second pause of the same process restarts its clock; the first SIGCONT would cut it short.
    const earlier = this.paused.get(pid);
    if (earlier !== undefined) {
      clearTimeout(earlier.timer);
      earlier.removeShutdownHook();
    }
    const timer = setTimeout(() => this.resume(pid, `after ${ms} ms`), ms);
    // The shutdown hook, not this timer, guarantees the SIGCONT if the driver exits first.
    timer.unref();
    // A stopped process cannot even act on SIGTERM, so leaving one behind would leak it for good.
    const removeShutdownHook = addShutdownHook(() => void this.send(pid, 'SIGCONT'));
    this.paused.set(pid, { executorId, timer, removeShutdownHook });
  }

  private resume(pid: number, when: string): void {
    const paused = this.paused.get(pid);
    if (paused === undefined) return;
    this.paused.delete(pid);
    clearTimeout(paused.timer);
    paused.removeShutdownHook();
    const error = this.send(pid, 'SIGCONT');
    const what = `executor ${paused.executorId} (pid ${pid})`;
    // A process that died while paused (killed by the cluster, say) needs no resuming.
    if (error === 'no such process') this.hooks.log('INFO', SOURCE, `${what} exited while paused; no SIGCONT needed`);
    else if (error !== undefined) this.warn(`SIGCONT to ${what} failed: ${error}`);
    else this.hooks.log('INFO', SOURCE, `resumed ${what} with SIGCONT ${when}`);
  }

  /** Sends a signal; returns what went wrong instead of throwing, since a fault must never crash the driver. */
  private send(pid: number, signal: NodeJS.Signals): string | undefined {
    // pid 0 or -1 would signal our whole process group, or every process we may signal.
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return `refusing to signal pid ${pid}`;
    try {
      if (this.hooks.signal !== undefined) this.hooks.signal(pid, signal);
      else process.kill(pid, signal);
      return undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'no such process';
      return err instanceof Error ? err.message : String(err);
    }
  }

  private warn(message: string): void {
    this.hooks.log('WARN', SOURCE, message);
  }
}
