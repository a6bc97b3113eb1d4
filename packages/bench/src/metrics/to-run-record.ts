/** A run's metrics plus what only the runner knows (ids, the result digest) as a results.csv row. */
import type { RunRecord } from '../results/run-record.js';
import { formatFailureReasons } from './failure-reasons.js';
import type { RunMetrics } from './run-metrics.js';

/** The columns the event log cannot tell: the runner's ids, where the log is, and the answer's digest. */
export type RunMeta = Pick<RunRecord, 'run_id' | 'cell' | 'scenario' | 'storage' | 'fault' | 'rep' | 'app_id' | 'event_log' | 'result_digest' | 'digest_matches'>;

export function toRunRecord(metrics: RunMetrics, meta: RunMeta): RunRecord {
  return {
    run_id: meta.run_id,
    cell: meta.cell,
    scenario: meta.scenario,
    storage: meta.storage,
    fault: meta.fault,
    rep: meta.rep,
    status: metrics.status,
    failure_reason: metrics.failureReason,
    app_id: meta.app_id,
    event_log: meta.event_log,
    job_latency_ms: metrics.jobLatencyMs,
    wall_ms: metrics.wallMs,
    input_rows: metrics.inputRows,
    input_bytes: metrics.inputBytes,
    throughput_rows_per_s: metrics.throughputRowsPerS,
    throughput_mb_per_s: metrics.throughputMbPerS,
    tasks_total: metrics.tasksTotal,
    tasks_failed: metrics.tasksFailed,
    tasks_rerun: metrics.tasksRerun,
    failure_reasons: formatFailureReasons(metrics.failureReasons),
    stage_attempts: metrics.stageAttempts,
    fault_at_ms: metrics.faultAtMs,
    detection_ms: metrics.detectionMs,
    recovery_ms: metrics.recoveryMs,
    // Needs the fault-free runs of the same scenario and storage: summariseCells fills it.
    recovery_overhead_ms: null,
    cached_blocks_lost: metrics.cachedBlocksLost,
    blocks_from_replica: metrics.blocksFromReplica,
    partitions_recomputed: metrics.partitionsRecomputed,
    bytes_recomputed: metrics.bytesRecomputed,
    cache_mem_bytes: metrics.cacheMemBytes,
    cache_disk_bytes: metrics.cacheDiskBytes,
    peak_rss_driver_bytes: metrics.peakRssDriverBytes,
    peak_rss_executor_bytes: metrics.peakRssExecutorBytes,
    result_digest: meta.result_digest,
    digest_matches: meta.digest_matches,
  };
}
