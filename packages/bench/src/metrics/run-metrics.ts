/**
 * Every figure of one run, computed from its event log alone (through the AppModel), so a log from a
 * real Spark cluster is measured by the same code. What a log does not hold reads 0 or null.
 */
import type { events } from '@sparkbench/core';
import { blockLoss, cacheAtEnd } from './cache-blocks.js';
import { cacheCounters } from './cache-counters.js';
import { failureReasonCounts } from './failure-reasons.js';
import { detectionMs, jobFaults, recoveryMs } from './fault-timeline.js';
import { inputAccounting } from './input-accounting.js';
import { jobStageAttempts, jobTasks, measuredJob } from './measured-job.js';
import { failed, partitionAttempts, rerunCount } from './partition-attempts.js';
import { peakRssByExecutor } from './peak-rss.js';
import { blocksFromReplica } from './replica-reads.js';

export interface RunMetricsOptions {
  /** The job to measure; the application's last job when left out. */
  readonly measuredJobId?: number;
}

export interface RunMetrics {
  /** Null when the log holds no job. */
  readonly jobId: number | null;
  /** ok: the measured job logged JobSucceeded. */
  readonly status: 'ok' | 'failed';
  /** The JobFailed message, or why there is no result; empty when ok. */
  readonly failureReason: string;
  /** JobStart → JobEnd. */
  readonly jobLatencyMs: number | null;
  /** ApplicationStart → ApplicationEnd. */
  readonly wallMs: number | null;
  /** Input Metrics of each partition's final successful attempt. */
  readonly inputRows: number;
  readonly inputBytes: number;
  /** Input over job latency; MB are 10^6 bytes. */
  readonly throughputRowsPerS: number | null;
  readonly throughputMbPerS: number | null;
  /** Task attempts of the job's stages. */
  readonly tasksTotal: number;
  /** Task ends that were neither Success nor Resubmitted. */
  readonly tasksFailed: number;
  /** Attempts of a partition after its first (speculative copies excluded). */
  readonly tasksRerun: number;
  /** Failed task ends by Spark's reason kind. */
  readonly failureReasons: Readonly<Record<string, number>>;
  /** Stage attempts the job submitted. */
  readonly stageAttempts: number;
  /** The faults injected during the job, first first; the figures below are about the first. */
  readonly faults: readonly events.FaultInjection[];
  /** Fault time minus JobStart. */
  readonly faultAtMs: number | null;
  /** Fault → ExecutorRemoved of its target. */
  readonly detectionMs: number | null;
  /** Fault → the finish of the last successful re-run of work the fault destroyed. */
  readonly recoveryMs: number | null;
  /** Cached RDD blocks whose every copy was on executors the fault removed. */
  readonly cachedBlocksLost: number;
  /**
   * Cache hits (local or remote) after the fault on blocks that lost a copy to it but kept another.
   * Not the remote-hit counter alone: a task whose block lost a copy runs where the replica is.
   */
  readonly blocksFromReplica: number;
  /** sparkbench.cache.localHits / remoteHits summed over the job, as logged. */
  readonly cacheLocalHits: number;
  readonly cacheRemoteHits: number;
  /** sparkbench.cache.misses summed over the job: persisted partitions computed from lineage. */
  readonly partitionsRecomputed: number;
  /** Input read again (re-runs) or read to rebuild persisted partitions (cache misses). */
  readonly bytesRecomputed: number;
  /** Held by cached RDD blocks at the end of the log, all copies. */
  readonly cacheMemBytes: number;
  readonly cacheDiskBytes: number;
  /** Peak RSS by executor ID over the application (the driver as `driver` when it ran tasks). */
  readonly peakRssByExecutor: Readonly<Record<string, number>>;
  readonly peakRssDriverBytes: number | null;
  /** The largest peak among executors other than the driver. */
  readonly peakRssExecutorBytes: number | null;
}

function span(from: number | undefined, to: number | undefined): number | null {
  return from === undefined || to === undefined ? null : to - from;
}

function perSecond(amount: number, ms: number | null): number | null {
  return ms === null || ms <= 0 ? null : amount / (ms / 1000);
}

function outcome(job: events.JobRecord | undefined): Pick<RunMetrics, 'status' | 'failureReason'> {
  if (job === undefined) return { status: 'failed', failureReason: 'the event log holds no job' };
  if (job.result === undefined) return { status: 'failed', failureReason: `job ${job.jobId} has no JobEnd in the event log` };
  if (job.result.kind === 'JobSucceeded') return { status: 'ok', failureReason: '' };
  return { status: 'failed', failureReason: job.result.message || `job ${job.jobId} failed` };
}

export function runMetrics(model: events.AppModel, opts: RunMetricsOptions = {}): RunMetrics {
  const m = measuredJob(model, opts.measuredJobId);
  const tasks = m === undefined ? [] : jobTasks(model, m);
  const partitions = partitionAttempts(tasks);
  const input = inputAccounting(partitions);
  const cache = cacheCounters(tasks);
  const jobLatencyMs = m === undefined ? null : span(m.start, m.end);
  const faults = m === undefined ? [] : jobFaults(model, m);
  const fault = faults[0];
  const { status, failureReason } = outcome(m?.job);
  const loss = fault === undefined ? undefined : blockLoss(model, fault.time, m?.end);
  const footprint = cacheAtEnd(model);
  const peaks = peakRssByExecutor(model.tasks, model.executorPeakMetrics);
  const executorPeaks = Object.entries(peaks).filter(([id]) => id !== 'driver').map(([, v]) => v);
  return {
    jobId: m?.job.jobId ?? null,
    status,
    failureReason,
    jobLatencyMs,
    wallMs: span(model.startTime, model.endTime),
    inputRows: input.rows,
    inputBytes: input.bytes,
    throughputRowsPerS: perSecond(input.rows, jobLatencyMs),
    throughputMbPerS: perSecond(input.bytes / 1e6, jobLatencyMs),
    tasksTotal: tasks.length,
    tasksFailed: tasks.filter(failed).length,
    tasksRerun: rerunCount(partitions),
    failureReasons: failureReasonCounts(tasks),
    stageAttempts: m === undefined ? 0 : jobStageAttempts(model, m).length,
    faults,
    faultAtMs: fault === undefined || m?.start === undefined ? null : fault.time - m.start,
    detectionMs: fault === undefined ? null : detectionMs(model, fault),
    // A job that did not succeed did not recover, whatever its tasks did.
    recoveryMs: fault === undefined || status !== 'ok' ? null : recoveryMs(model, partitions, fault),
    cachedBlocksLost: loss?.lost.size ?? 0,
    blocksFromReplica: fault === undefined || loss === undefined ? 0 : blocksFromReplica(model, tasks, fault.time, loss.saved),
    cacheLocalHits: cache.localHits,
    cacheRemoteHits: cache.remoteHits,
    partitionsRecomputed: cache.misses,
    bytesRecomputed: input.recomputedBytes,
    cacheMemBytes: footprint.memBytes,
    cacheDiskBytes: footprint.diskBytes,
    peakRssByExecutor: peaks,
    peakRssDriverBytes: peaks['driver'] ?? null,
    peakRssExecutorBytes: executorPeaks.length === 0 ? null : Math.max(...executorPeaks),
  };
}
