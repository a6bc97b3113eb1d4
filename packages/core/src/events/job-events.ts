/** Jobs starting and ending. */
import { jobResultJson, type JobResult, type JobResultJson } from './job-result.js';
import { stageInfoJson, type StageInfo, type StageInfoJson } from './stage-info.js';

export interface SparkListenerJobStart {
  Event: 'SparkListenerJobStart';
  'Job ID': number;
  'Submission Time': number;
  /** Every stage the job may run, including ones whose output already exists (later skipped). */
  'Stage Infos': StageInfoJson[];
  'Stage IDs': number[];
  Properties: Record<string, string>;
}

export interface SparkListenerJobEnd {
  Event: 'SparkListenerJobEnd';
  'Job ID': number;
  'Completion Time': number;
  'Job Result': JobResultJson;
}

export interface JobStart {
  jobId: number;
  time: number;
  stageInfos: StageInfo[];
  /** Local properties such as spark.job.description or spark.jobGroup.id. */
  properties?: Record<string, string>;
}

export function jobStartEvent(job: JobStart): SparkListenerJobStart {
  return {
    Event: 'SparkListenerJobStart',
    'Job ID': job.jobId,
    'Submission Time': job.time,
    'Stage Infos': job.stageInfos.map(stageInfoJson),
    'Stage IDs': job.stageInfos.map((s) => s.stageId),
    Properties: { ...job.properties },
  };
}

export interface JobEnd {
  jobId: number;
  time: number;
  result: JobResult;
}

export function jobEndEvent(job: JobEnd): SparkListenerJobEnd {
  return {
    Event: 'SparkListenerJobEnd',
    'Job ID': job.jobId,
    'Completion Time': job.time,
    'Job Result': jobResultJson(job.result),
  };
}
