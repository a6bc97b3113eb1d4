/**
 * One run of one cell, as a row of results.csv. Every figure is computed from the run's event log
 * (the measured job is the application's last job). Column names are stable: the README lists them.
 */
export interface RunRecord {
  /** `<cell>#<rep>`, unique in a result set. */
  readonly run_id: string;
  /** `scenario|storage|fault`, e.g. `wide|MEMORY_AND_DISK_2|kill-executor@50%`. */
  readonly cell: string;
  readonly scenario: string;
  /** A storage level name, or NONE when the purchases were not persisted. */
  readonly storage: string;
  /** The fault spec as given, or `none`. */
  readonly fault: string;
  readonly rep: number;
  readonly status: 'ok' | 'failed';
  /** Why a failed run failed (the job's failure message); empty when ok. */
  readonly failure_reason: string;
  readonly app_id: string;
  readonly event_log: string;
  /** JobStart → JobEnd of the measured job. */
  readonly job_latency_ms: number | null;
  /** ApplicationStart → ApplicationEnd. */
  readonly wall_ms: number | null;
  readonly input_rows: number;
  readonly input_bytes: number;
  readonly throughput_rows_per_s: number | null;
  readonly throughput_mb_per_s: number | null;
  readonly tasks_total: number;
  readonly tasks_failed: number;
  /** Task attempts that re-ran a partition after a failed attempt or a resubmission. */
  readonly tasks_rerun: number;
  /** e.g. `ExecutorLostFailure:2;FetchFailed:1`; empty when none. */
  readonly failure_reasons: string;
  readonly stage_attempts: number;
  /** Fault time relative to the measured job's start; null without a fault. */
  readonly fault_at_ms: number | null;
  /** Fault → SparkListenerExecutorRemoved of the target. */
  readonly detection_ms: number | null;
  /** Fault → the last successful re-run of a lost task. */
  readonly recovery_ms: number | null;
  /** Job latency minus the median fault-free latency of the same scenario and storage; filled by the summary. */
  readonly recovery_overhead_ms: number | null;
  readonly cached_blocks_lost: number;
  readonly blocks_from_replica: number;
  readonly partitions_recomputed: number;
  readonly bytes_recomputed: number;
  /** Memory and disk held by cached blocks at the end of the run (all copies). */
  readonly cache_mem_bytes: number;
  readonly cache_disk_bytes: number;
  readonly peak_rss_driver_bytes: number | null;
  /** The largest RSS any executor process reported. */
  readonly peak_rss_executor_bytes: number | null;
  readonly result_digest: string;
  /** Whether the digest equals the fault-free digest of the same scenario; null when there is none to compare. */
  readonly digest_matches: boolean | null;
}

/** The order of results.csv's columns. */
export const RUN_COLUMNS: readonly (keyof RunRecord)[] = [
  'run_id', 'cell', 'scenario', 'storage', 'fault', 'rep', 'status', 'failure_reason', 'app_id', 'event_log',
  'job_latency_ms', 'wall_ms', 'input_rows', 'input_bytes', 'throughput_rows_per_s', 'throughput_mb_per_s',
  'tasks_total', 'tasks_failed', 'tasks_rerun', 'failure_reasons', 'stage_attempts',
  'fault_at_ms', 'detection_ms', 'recovery_ms', 'recovery_overhead_ms',
  'cached_blocks_lost', 'blocks_from_replica', 'partitions_recomputed', 'bytes_recomputed',
  'cache_mem_bytes', 'cache_disk_bytes', 'peak_rss_driver_bytes', 'peak_rss_executor_bytes',
  'result_digest', 'digest_matches',
];

/** A figure over the runs of one cell. */
export interface Stat {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** 95% confidence interval of the median (bootstrap). */
  readonly ci_low: number;
  readonly ci_high: number;
}

/** One cell of the matrix, as a row of summary.csv / summary.md. */
export interface CellSummary {
  readonly cell: string;
  readonly scenario: string;
  readonly storage: string;
  readonly fault: string;
  readonly runs_ok: number;
  readonly runs_failed: number;
  readonly job_latency_ms: Stat | null;
  readonly throughput_rows_per_s: Stat | null;
  readonly detection_ms: Stat | null;
  readonly recovery_ms: Stat | null;
  readonly recovery_overhead_ms: Stat | null;
  /** Median overhead as a share of the median fault-free latency of the same scenario and storage. */
  readonly recovery_overhead_pct: number | null;
  readonly tasks_rerun: Stat | null;
  readonly partitions_recomputed: Stat | null;
  readonly blocks_from_replica: Stat | null;
  readonly cached_blocks_lost: Stat | null;
  /** Every ok run's digest equals the fault-free digest. */
  readonly digests_match: boolean | null;
  /** The spread is too wide to conclude (CI of the median wider than a set share of it). */
  readonly inconclusive: boolean;
}
