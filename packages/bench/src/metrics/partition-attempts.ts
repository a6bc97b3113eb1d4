/**
 * A job's task attempts grouped by the partition they computed. Re-runs after a lost executor or a
 * fetch failure show up as extra attempts of the same (stage, partition), across stage attempts —
 * which is what the task counts, the input and the recovery window are built from.
 */
import type { events } from '@sparkbench/core';

type TaskRecord = events.TaskRecord;

export interface PartitionAttempts {
  readonly stageId: number;
  readonly partitionId: number;
  /** In launch order. */
  readonly attempts: readonly TaskRecord[];
  /** The last attempt that succeeded: its output is the one the job used. */
  readonly final: TaskRecord | undefined;
}

export function succeeded(t: TaskRecord): boolean {
  return t.reason?.kind === 'Success';
}

/** An end that is neither a success nor Spark's "Resubmitted" bookkeeping end. */
export function failed(t: TaskRecord): boolean {
  return t.reason !== undefined && t.reason.kind !== 'Success' && t.reason.kind !== 'Resubmitted';
}

function byLaunch(a: TaskRecord, b: TaskRecord): number {
  return a.launchTime - b.launchTime || a.stageAttemptId - b.stageAttemptId || a.attempt - b.attempt || a.taskId - b.taskId;
}

function byFinish(a: TaskRecord, b: TaskRecord): number {
  return (a.finishTime ?? a.launchTime) - (b.finishTime ?? b.launchTime) || byLaunch(a, b);
}

export function partitionAttempts(tasks: readonly TaskRecord[]): PartitionAttempts[] {
  const groups = new Map<string, TaskRecord[]>();
  for (const t of tasks) {
    const key = `${t.stageId}:${t.partitionId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [t]);
    else group.push(t);
  }
  return [...groups.values()].map((group) => {
    const attempts = [...group].sort(byLaunch);
    const final = attempts.filter(succeeded).sort(byFinish).at(-1);
    return { stageId: attempts[0].stageId, partitionId: attempts[0].partitionId, attempts, final };
  });
}

/**
 * Attempts that re-ran a partition: every attempt after a partition's first, except speculative
 * copies — those race a slow attempt rather than replace a lost one.
 */
export function rerunCount(partitions: readonly PartitionAttempts[]): number {
  let n = 0;
  for (const p of partitions) n += p.attempts.slice(1).filter((t) => !t.speculative).length;
  return n;
}
