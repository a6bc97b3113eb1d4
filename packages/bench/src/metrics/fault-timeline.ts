/**
 * Lines the injected fault (sparkbench's SparkbenchFaultInjected event) up with the Spark events it
 * caused: the executor's removal (detection) and the last re-run of the work it took down (recovery).
 */
import type { events } from '@sparkbench/core';
import { cacheMisses } from './input-accounting.js';
import type { MeasuredJob } from './measured-job.js';
import { failed, type PartitionAttempts } from './partition-attempts.js';

type AppModel = events.AppModel;
type FaultInjection = events.FaultInjection;

/**
 * The faults that struck the measured job: injected after the previous job ended and no later than
 * this one's end. A fault fired just before the job's first event (a time trigger of 0 ms) still
 * counts; one fired during an earlier job does not. Sorted by time.
 */
export function jobFaults(model: AppModel, m: MeasuredJob): FaultInjection[] {
  return model.faults
    .filter((f) => (m.previousEnd === undefined || f.time > m.previousEnd) && (m.end === undefined || f.time <= m.end))
    .sort((a, b) => a.time - b.time);
}

/** Fault → SparkListenerExecutorRemoved of its target; null when the target was never removed after it. */
export function detectionMs(model: AppModel, fault: FaultInjection): number | null {
  const removed = model.executors.get(fault.targetExecutorId)?.removed;
  return removed !== undefined && removed >= fault.time ? removed - fault.time : null;
}

/**
 * Whether the fault cost this partition work: an attempt of it failed after the fault; its finished
 * output was lost with an executor removed after the fault (Spark's Resubmitted, logged only while
 * the stage still runs); it was re-run after the fault (a map stage re-submitted after a fetch
 * failure re-runs finished partitions without any failure of their own); or it had to recompute a
 * lost cached block (a cache miss in an attempt launched after the fault).
 */
function hitByFault(model: AppModel, p: PartitionAttempts, fault: FaultInjection): boolean {
  return p.attempts.some((t, i) => {
    if (failed(t)) return (t.finishTime ?? t.launchTime) >= fault.time;
    if (t.resubmitted) {
      const removed = model.executors.get(t.executorId)?.removed;
      if (removed === undefined || removed >= fault.time) return true;
    }
    if (t.launchTime < fault.time) return false;
    return (i > 0 && !t.speculative) || cacheMisses(t) > 0;
  });
}

/**
 * Fault → the finish of the last successful attempt of a partition the fault hit. Null when nothing
 * had to be redone, or when some hit partition never succeeded (the job did not recover).
 */
export function recoveryMs(model: AppModel, partitions: readonly PartitionAttempts[], fault: FaultInjection): number | null {
  let last: number | undefined;
  for (const p of partitions) {
    if (!hitByFault(model, p, fault)) continue;
    const finish = p.final?.finishTime;
    if (finish === undefined) return null;
    last = Math.max(last ?? finish, finish);
  }
  return last === undefined ? null : Math.max(0, last - fault.time);
}
