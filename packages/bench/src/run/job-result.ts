import { digestOfRows, formatValue, showString, type DataFrame, type Row, type Schema, type Value } from '@sparkbench/core';
import type { JobName } from '../scenarios/seed-jobs.js';

/** One job's answer, as `--format json` prints it and fault runs are compared by. */
export interface JobResult {
  readonly scenario: JobName;
  /** The result rows (the rows `show()` prints, for the wide job) keyed by column name. */
  readonly rows: Record<string, unknown>[];
  /** How many rows the whole result has. */
  readonly row_count: number;
  /** sha256 over the sorted row hashes, sets sorted: equal answers give equal digests. */
  readonly result_digest: string;
  /** What the job printed, Spark-style. */
  readonly text: string;
}

/** JSON-friendly values: timestamps as Spark prints them, big longs as strings. */
function jsonValue(v: Value, type: Schema[number]['type']): unknown {
  if (v === null) return null;
  if (type === 'timestamp') return formatValue(v, type);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v) && typeof type !== 'string') return v.map((x) => jsonValue(x, type.elementType));
  return v;
}

export function rowObjects(schema: Schema, rows: readonly Row[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(schema.map((f, i) => [f.name, jsonValue(row[i], f.type)])));
}

/** The narrow job: `only_purchases.count()`. */
export async function runNarrow(purchases: DataFrame): Promise<JobResult> {
  const n = await purchases.count();
  const row: Row = [n];
  return { scenario: 'narrow', rows: [{ count: n }], row_count: 1, result_digest: digestOfRows([row]), text: `${n}\n` };
}

/** The wide job: `.show()` of the session table, plus the digest of every row. */
export async function runWide(orders: DataFrame, showRows = 20): Promise<JobResult> {
  const summary = await orders.summarize(showRows + 1);
  return {
    scenario: 'wide',
    rows: rowObjects(orders.schema, summary.head.slice(0, showRows)),
    row_count: summary.count,
    result_digest: summary.digest,
    text: showString(orders.schema, summary.head, showRows, 20),
  };
}
