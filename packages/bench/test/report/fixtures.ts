import type { CellSummary, RunRecord, Stat } from '../../src/results/run-record.js';

/** A Stat from a median and its CI; min/max a little outside the CI, as with real runs. */
export function stat(median: number, ci_low: number, ci_high: number, n = 5): Stat {
  return { n, median, min: ci_low - 10, max: ci_high + 10, ci_low, ci_high };
}

interface CellSpec {
  readonly latency: Stat | null;
  readonly overhead?: Stat;
  readonly pct?: number;
  readonly detection?: number;
  readonly recovery?: number;
  readonly recomputed?: number;
  readonly replica?: number;
  readonly ok?: number;
  readonly failed?: number;
  readonly digests?: boolean | null;
  readonly inconclusive?: boolean;
}

export function cell(scenario: string, storage: string, fault: string, s: CellSpec): CellSummary {
  const faulted = fault !== 'none';
  const point = (v: number | undefined): Stat | null => (v === undefined ? null : stat(v, v, v));
  return {
    cell: `${scenario}|${storage}|${fault}`,
    scenario,
    storage,
    fault,
    runs_ok: s.ok ?? 5,
    runs_failed: s.failed ?? 0,
    job_latency_ms: s.latency,
    throughput_rows_per_s: s.latency === null ? null : stat(1e9 / s.latency.median, 1e9 / s.latency.ci_high, 1e9 / s.latency.ci_low),
    detection_ms: point(s.detection),
    recovery_ms: point(s.recovery),
    recovery_overhead_ms: s.overhead ?? null,
    recovery_overhead_pct: s.pct ?? null,
    tasks_rerun: faulted ? point(s.recomputed ?? 0) : null,
    partitions_recomputed: faulted ? point(s.recomputed ?? 0) : null,
    blocks_from_replica: faulted ? point(s.replica ?? 0) : null,
    cached_blocks_lost: faulted ? point(storage === 'NONE' ? 0 : 4) : null,
    digests_match: s.digests === undefined ? true : s.digests,
    inconclusive: s.inconclusive ?? false,
  };
}

export const KILL = 'kill-executor@50%';

/**
 * The seed matrix: narrow and wide × NONE / MEMORY_AND_DISK (cache()) / MEMORY_AND_DISK_2 × none / kill.
 * Chosen so that, for narrow, the replica is slower fault-free and faster under the kill (both CIs apart);
 * for wide, both comparisons overlap and the replicated faulted cell is inconclusive.
 */
export const SEED_CELLS: readonly CellSummary[] = [
  cell('narrow', 'NONE', 'none', { latency: stat(1200, 1150, 1260) }),
  cell('narrow', 'NONE', KILL, { latency: stat(1800, 1700, 1950), overhead: stat(600, 480, 720), pct: 50, detection: 350, recovery: 1100, recomputed: 4 }),
  cell('narrow', 'MEMORY_AND_DISK', 'none', { latency: stat(800, 780, 830) }),
  cell('narrow', 'MEMORY_AND_DISK', KILL, { latency: stat(1400, 1300, 1500), overhead: stat(600, 500, 700), pct: 75, detection: 340, recovery: 900, recomputed: 3 }),
  cell('narrow', 'MEMORY_AND_DISK_2', 'none', { latency: stat(900, 870, 940) }),
  cell('narrow', 'MEMORY_AND_DISK_2', KILL, { latency: stat(1000, 950, 1080), overhead: stat(100, 60, 150), pct: 11.1, detection: 360, recovery: 200, recomputed: 0, replica: 4 }),
  cell('wide', 'NONE', 'none', { latency: stat(3000, 2900, 3150) }),
  cell('wide', 'NONE', KILL, { latency: stat(4500, 4200, 4800, 4), overhead: stat(1500, 1200, 1800, 4), pct: 50, detection: 355, recovery: 2600, recomputed: 8, ok: 4, failed: 1, digests: false }),
  cell('wide', 'MEMORY_AND_DISK', 'none', { latency: stat(2000, 1900, 2100) }),
  cell('wide', 'MEMORY_AND_DISK', KILL, { latency: stat(3100, 2900, 3300), overhead: stat(1100, 900, 1300), pct: 55, detection: 350, recovery: 1900, recomputed: 6 }),
  cell('wide', 'MEMORY_AND_DISK_2', 'none', { latency: stat(2100, 2000, 2200) }),
  cell('wide', 'MEMORY_AND_DISK_2', KILL, { latency: stat(2300, 1900, 3200), overhead: stat(200, -100, 1100), pct: 9.5, detection: 345, recovery: 400, recomputed: 1, replica: 5, inconclusive: true }),
];

/** A run row with every field set; override what a test is about. */
export function record(over: Partial<RunRecord> = {}): RunRecord {
  return {
    run_id: 'narrow|NONE|none#1',
    cell: 'narrow|NONE|none',
    scenario: 'narrow',
    storage: 'NONE',
    fault: 'none',
    rep: 1,
    status: 'ok',
    failure_reason: '',
    app_id: 'app-20261125091227-9948',
    event_log: 'events/app-20261125091227-9948',
    job_latency_ms: 1234.5,
    wall_ms: 5678,
    input_rows: 1_000_000,
    input_bytes: 87_654_321,
    throughput_rows_per_s: 810_044.552,
    throughput_mb_per_s: 71.00350281,
    tasks_total: 24,
    tasks_failed: 0,
    tasks_rerun: 0,
    failure_reasons: '',
    stage_attempts: 2,
    fault_at_ms: null,
    detection_ms: null,
    recovery_ms: null,
    recovery_overhead_ms: null,
    cached_blocks_lost: 0,
    blocks_from_replica: 0,
    partitions_recomputed: 0,
    bytes_recomputed: 0,
    cache_mem_bytes: 0,
    cache_disk_bytes: 0,
    peak_rss_driver_bytes: 210_000_000,
    peak_rss_executor_bytes: null,
    result_digest: 'sha256:0f3a',
    digest_matches: null,
    ...over,
  };
}

/** Runs with the awkward values: nulls, both booleans, negative and fractional numbers, text needing quotes. */
export const TRICKY_RECORDS: readonly RunRecord[] = [
  record(),
  record({
    run_id: 'wide|MEMORY_AND_DISK_2|kill-executor@50%#2',
    cell: 'wide|MEMORY_AND_DISK_2|kill-executor@50%',
    scenario: 'wide',
    storage: 'MEMORY_AND_DISK_2',
    fault: KILL,
    rep: 2,
    fault_at_ms: 612.25,
    detection_ms: 341,
    recovery_ms: 1203.75,
    recovery_overhead_ms: -12.5,
    failure_reasons: 'ExecutorLostFailure:2;FetchFailed:1',
    tasks_failed: 3,
    tasks_rerun: 3,
    blocks_from_replica: 4,
    digest_matches: true,
    peak_rss_executor_bytes: 512_000_000,
  }),
  record({
    run_id: 'wide|NONE|kill-executor@50%#3',
    status: 'failed',
    failure_reason: 'Job aborted, "stage 2" failed:\nExecutorLostFailure (executor 1 exited)\r\n  at a, b',
    job_latency_ms: null,
    wall_ms: null,
    throughput_rows_per_s: null,
    throughput_mb_per_s: null,
    result_digest: '',
    digest_matches: false,
  }),
  record({ run_id: ' leading and trailing spaces ', app_id: 'x,y', event_log: 'a "quoted" path' }),
];
