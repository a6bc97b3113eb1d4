/**
 * How far the running jobs and their stages are, from the scheduler's events, for progress triggers.
 *
 * Tasks are counted once per (stage, partition): a partition recomputed after a fault, or a second
 * attempt of a stage, must not push the count past the work there is.
 *
 * A job's total is every task of its stages except those that turn out to be skipped (their shuffle
 * output already exists). Counting only stages submitted so far would make "50%" fire halfway through
 * the first stage of a two-stage job. The scheduler submits missing parents before their children, so
 * once a stage is submitted, any ancestor not submitted in this job will never run: it is skipped.
 */
import type { StageView, TaskView } from '@sparkbench/core';

export interface Progress {
  readonly done: number;
  readonly total: number;
}

interface StageCount {
  numTasks: number;
  /** Partition indices with a successful task, over all attempts. */
  readonly done: Set<number>;
}

interface JobState {
  readonly parents: ReadonlyMap<number, readonly number[]>;
  readonly submitted: Set<number>;
  readonly skipped: Set<number>;
}

export class TaskProgress {
  private readonly jobs = new Map<number, JobState>();
  private readonly stages = new Map<number, StageCount>();

  jobStarted(jobId: number, stages: readonly StageView[]): void {
    for (const s of stages) this.stageCount(s.stageId).numTasks = s.numTasks;
    this.jobs.set(jobId, {
      parents: new Map(stages.map((s) => [s.stageId, s.parentIds])),
      submitted: new Set(),
      skipped: new Set(),
    });
  }

  jobEnded(jobId: number): void {
    this.jobs.delete(jobId);
  }

  stageSubmitted(stage: StageView): void {
    // A retried attempt runs only the missing partitions; progress still counts against the whole stage.
    const count = this.stageCount(stage.stageId);
    count.numTasks = Math.max(count.numTasks, stage.numTasks);
    for (const job of this.jobs.values()) {
      if (!job.parents.has(stage.stageId)) continue;
      // A stage once skipped can still run: lost shuffle output sends the scheduler back to it.
      job.skipped.delete(stage.stageId);
      job.submitted.add(stage.stageId);
      this.skipUnsubmittedAncestors(job, stage.stageId);
    }
  }

  /** Records a successful task end. */
  taskSucceeded(task: TaskView): void {
    this.stageCount(task.stageId).done.add(task.index);
  }

  /** The running jobs that hold this stage, in job order. */
  jobsOf(stageId: number): number[] {
    return [...this.jobs].filter(([, job]) => job.parents.has(stageId)).map(([id]) => id);
  }

  job(jobId: number): Progress | undefined {
    const job = this.jobs.get(jobId);
    if (job === undefined) return undefined;
    let done = 0;
    let total = 0;
    for (const stageId of job.parents.keys()) {
      if (job.skipped.has(stageId)) continue;
      const count = this.stageCount(stageId);
      total += count.numTasks;
      // Tasks of a stage not yet submitted here belong to an earlier job; this job has done none of them.
      if (job.submitted.has(stageId)) done += Math.min(count.done.size, count.numTasks);
    }
    return { done, total };
  }

  /** Undefined until the stage's size is known (from a jobStart or stageSubmitted event). */
  stage(stageId: number): Progress | undefined {
    const count = this.stages.get(stageId);
    if (count === undefined || count.numTasks < 0) return undefined;
    return { done: Math.min(count.done.size, count.numTasks), total: count.numTasks };
  }

  private skipUnsubmittedAncestors(job: JobState, stageId: number): void {
    for (const parent of job.parents.get(stageId) ?? []) {
      if (job.submitted.has(parent) || job.skipped.has(parent)) continue;
      job.skipped.add(parent);
      this.skipUnsubmittedAncestors(job, parent);
    }
  }

  private stageCount(stageId: number): StageCount {
    let count = this.stages.get(stageId);
    if (count === undefined) {
      count = { numTasks: -1, done: new Set() };
      this.stages.set(stageId, count);
    }
    return count;
  }
}
