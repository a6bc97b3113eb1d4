/**
 * The cluster figures of one application, from its event log alone (through the AppModel): the
 * measured job's latency, and when a fault struck it, how fast the driver noticed, how fast the master
 * replaced the executor, and how much work the fault destroyed. See bench/README.md ("Cluster").
 */
import type { events } from '@sparkbench/core';
import { runMetrics } from '../metrics/index.js';
import { jobTasks, measuredJob } from '../metrics/measured-job.js';
import { partitionAttempts } from '../metrics/partition-attempts.js';

export interface ClusterAppFigures {
  readonly jobId: number | null;
  readonly status: 'ok' | 'failed';
  readonly failureReason: string;
  /** JobStart → JobEnd of the measured (last) job. */
  readonly jobLatencyMs: number | null;
  readonly tasks: number;
  /** Null when no fault struck the measured job; the figures below are then null or 0. */
  readonly fault: FaultFigures | null;
}

export interface FaultFigures {
  readonly targetExecutorId: string;
  /** What fired it and what the victim was doing, as the injector logged it. */
  readonly trigger: string;
  readonly detail: string;
  /** Fault time − JobStart. */
  readonly faultAtMs: number | null;
  /** SparkbenchFaultInjected → SparkListenerExecutorRemoved of the target. */
  readonly detectionMs: number | null;
  /** SparkListenerExecutorRemoved of the target → the first SparkListenerExecutorAdded after it. */
  readonly relaunchMs: number | null;
  readonly replacementExecutorId: string | null;
  /** Whether the replacement registered before the measured job ended (it then could run its tasks). */
  readonly replacementBeforeJobEnd: boolean | null;
  /** Task attempts of the job that ended with ExecutorLostFailure. */
  readonly lostAttempts: number;
  /** Σ (fault time − launch time) of those attempts: what they had computed when the executor died. */
  readonly lostInFlightMs: number;
  /** Finished map outputs lost with the executor (Spark's "Resubmitted" task ends). */
  readonly resubmittedOutputs: number;
  readonly fetchFailures: number;
  /** Non-speculative attempts after a partition's first, launched at or after the fault. */
  readonly rerunAttempts: number;
  /** Σ Executor Run Time of those re-run attempts: the work that had to be redone ("lost work"). */
  readonly redoneWorkMs: number;
  /** Fault → the last successful re-run of work it destroyed (metrics.runMetrics). */
  readonly recoveryMs: number | null;
  readonly failureReasons: Readonly<Record<string, number>>;
}

function faultFigures(model: events.AppModel): FaultFigures | null {
  const m = measuredJob(model);
  if (m === undefined) return null;
  const metrics = runMetrics(model);
  const fault = metrics.faults[0];
  if (fault === undefined) return null;
  const removed = model.executors.get(fault.targetExecutorId)?.removed;
  let replacement: events.ExecutorRecord | undefined;
  if (removed !== undefined) {
    for (const e of model.executors.values()) {
      if (e.added === undefined || e.added < removed || e.executorId === fault.targetExecutorId) continue;
      if (replacement === undefined || e.added < replacement.added!) replacement = e;
    }
  }
  const tasks = jobTasks(model, m);
  const lost = tasks.filter((t) => t.reason?.kind === 'ExecutorLostFailure');
  let rerunAttempts = 0;
  let redoneWorkMs = 0;
  for (const p of partitionAttempts(tasks)) {
    for (const t of p.attempts.slice(1)) {
      if (t.speculative || t.launchTime < fault.time) continue;
      rerunAttempts++;
      redoneWorkMs += t.metrics.executorRunTime;
    }
  }
  return {
    targetExecutorId: fault.targetExecutorId,
    trigger: fault.trigger,
    detail: fault.detail ?? '',
    faultAtMs: metrics.faultAtMs,
    detectionMs: metrics.detectionMs,
    relaunchMs: replacement === undefined || removed === undefined ? null : replacement.added! - removed,
    replacementExecutorId: replacement?.executorId ?? null,
    replacementBeforeJobEnd: replacement === undefined || m.end === undefined ? null : replacement.added! <= m.end,
    lostAttempts: lost.length,
    lostInFlightMs: lost.reduce((sum, t) => sum + Math.max(0, fault.time - t.launchTime), 0),
    resubmittedOutputs: tasks.filter((t) => t.resubmitted).length,
    fetchFailures: tasks.filter((t) => t.reason?.kind === 'FetchFailed').length,
    rerunAttempts,
    redoneWorkMs,
    recoveryMs: metrics.recoveryMs,
    failureReasons: metrics.failureReasons,
  };
}

export function clusterAppFigures(model: events.AppModel): ClusterAppFigures {
  const metrics = runMetrics(model);
  return {
    jobId: metrics.jobId,
    status: metrics.status,
    failureReason: metrics.failureReason,
    jobLatencyMs: metrics.jobLatencyMs,
    tasks: metrics.tasksTotal,
    fault: faultFigures(model),
  };
}
