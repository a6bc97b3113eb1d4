/**
 * Which job is measured, and which of the log's tasks and stage attempts belong to it. A stage ID
 * alone is not enough: a later job can re-submit an earlier job's shuffle map stage under the same
 * ID, so a job owns the attempts and tasks of its stages that started while it ran.
 */
import type { events } from '@sparkbench/core';

type AppModel = events.AppModel;
type JobRecord = events.JobRecord;

/** The job and the time bounds everything else is filtered by (undefined: not logged). */
export interface MeasuredJob {
  readonly job: JobRecord;
  readonly start: number | undefined;
  readonly end: number | undefined;
  /** When the job before it ended (or undefined): faults after this belong to the measured job. */
  readonly previousEnd: number | undefined;
}

/** The job with `jobId`, or the application's last job; undefined when the log holds no job. */
export function measuredJob(model: AppModel, jobId?: number): MeasuredJob | undefined {
  const job = jobId === undefined ? model.jobs[model.jobs.length - 1] : model.jobs.find((j) => j.jobId === jobId);
  if (job === undefined) {
    // An explicit ID that is not in the log is the caller's mistake, not a gap in the log.
    if (jobId !== undefined) throw new RangeError(`job ${jobId} is not in the event log (jobs: ${model.jobs.map((j) => j.jobId).join(', ') || 'none'})`);
    return undefined;
  }
  const start = job.submissionTime;
  let previousEnd: number | undefined;
  for (const other of model.jobs) {
    if (other === job || other.completionTime === undefined) continue;
    if (start !== undefined && other.completionTime > start) continue;
    if (start === undefined && other.jobId >= job.jobId) continue;
    previousEnd = Math.max(previousEnd ?? other.completionTime, other.completionTime);
  }
  return { job, start, end: job.completionTime, previousEnd };
}

function within(time: number | undefined, m: MeasuredJob): boolean {
  if (time === undefined) return true;
  if (m.start !== undefined && time < m.start) return false;
  return m.end === undefined || time <= m.end;
}

/** Every task attempt of the job's stages launched while the job ran, in log order. */
export function jobTasks(model: AppModel, m: MeasuredJob): events.TaskRecord[] {
  const stageIds = new Set(m.job.stageIds);
  return model.tasks.filter((t) => stageIds.has(t.stageId) && within(t.launchTime, m));
}

/** The stage attempts the job submitted (skipped and never-submitted ones excluded). */
export function jobStageAttempts(model: AppModel, m: MeasuredJob): events.StageRecord[] {
  const stageIds = new Set(m.job.stageIds);
  return model.stages.filter(
    (s) => stageIds.has(s.stageId) && s.status !== 'pending' && s.status !== 'skipped' && within(s.submissionTime, m),
  );
}
