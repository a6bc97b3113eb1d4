import { RUN_COLUMNS, type RunRecord } from '../results/run-record.js';
import { toCsv } from './csv.js';
import { parseCsvByHeader } from './csv-by-header.js';
import { decodeScalar, encodeScalar, type FieldKinds } from './field-codec.js';

/** How each results.csv column is typed; checked against RunRecord at compile time. */
export const RUN_COLUMN_KINDS: FieldKinds<RunRecord> = {
  run_id: 'string',
  cell: 'string',
  scenario: 'string',
  storage: 'string',
  fault: 'string',
  rep: 'number',
  status: 'status',
  failure_reason: 'string',
  app_id: 'string',
  event_log: 'string',
  job_latency_ms: 'number?',
  wall_ms: 'number?',
  input_rows: 'number',
  input_bytes: 'number',
  throughput_rows_per_s: 'number?',
  throughput_mb_per_s: 'number?',
  tasks_total: 'number',
  tasks_failed: 'number',
  tasks_rerun: 'number',
  failure_reasons: 'string',
  stage_attempts: 'number',
  fault_at_ms: 'number?',
  detection_ms: 'number?',
  recovery_ms: 'number?',
  recovery_overhead_ms: 'number?',
  cached_blocks_lost: 'number',
  blocks_from_replica: 'number',
  partitions_recomputed: 'number',
  bytes_recomputed: 'number',
  cache_mem_bytes: 'number',
  cache_disk_bytes: 'number',
  peak_rss_driver_bytes: 'number?',
  peak_rss_executor_bytes: 'number?',
  result_digest: 'string',
  digest_matches: 'boolean?',
};

/** results.csv: a header of RUN_COLUMNS, then one row per run; null is an empty field. */
export function resultsCsv(records: readonly RunRecord[]): string {
  return toCsv([RUN_COLUMNS, ...records.map((r) => RUN_COLUMNS.map((c) => encodeScalar(r[c])))]);
}

/** RunRecords from results.csv text; columns are found by header name (see parseCsvByHeader). */
export function parseResultsCsv(text: string, where: string): RunRecord[] {
  return parseCsvByHeader(text, where, RUN_COLUMNS, (at, line) => {
    const out: Record<string, unknown> = {};
    for (const c of RUN_COLUMNS) out[c] = decodeScalar(RUN_COLUMN_KINDS[c], at(c), `${where}:${line} ${c}`);
    // Every RunRecord field was decoded by the kind the compiler checked against its type.
    return out as unknown as RunRecord;
  });
}
