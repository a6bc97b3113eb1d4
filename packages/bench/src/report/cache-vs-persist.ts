import type { CellSummary } from '../results/run-record.js';
import { NO_FAULT, firstSeen } from './cell-order.js';
import { compareStats, type StatComparison } from './stat-compare.js';
import { faultsOf, type SummaryRow } from './summary-rows.js';

/** Not persisted: every cached read recomputes from the source. */
export const BASELINE_STORAGE = 'NONE';
/** What `Dataset.cache()` / `persist()` use in Spark 3. */
export const CACHE_STORAGE = 'MEMORY_AND_DISK';
/** The same with a second copy on another executor, so a lost executor's blocks are read from the replica. */
export const REPLICATED_STORAGE = 'MEMORY_AND_DISK_2';

/** One scenario's answer to "is persist(MEMORY_AND_DISK_2) worth it over cache()?" under one fault. */
export interface CacheVsPersistRow {
  readonly scenario: string;
  readonly baseline: SummaryRow | null;
  readonly cache: SummaryRow | null;
  readonly replicated: SummaryRow | null;
  /** MEMORY_AND_DISK_2 against MEMORY_AND_DISK without the fault: what the second copy costs. */
  readonly faultFree: StatComparison | null;
  /** The same under the fault: what the second copy saves. */
  readonly withFault: StatComparison | null;
}

export interface CacheVsPersistTable {
  /** Null when the matrix ran no fault: the table then shows fault-free latencies only. */
  readonly fault: string | null;
  readonly rows: readonly CacheVsPersistRow[];
}

/**
 * One table per fault, with a row per scenario that ran MEMORY_AND_DISK or MEMORY_AND_DISK_2 under it;
 * none when the matrix has neither level.
 */
export function cacheVsPersist(cells: readonly CellSummary[]): CacheVsPersistTable[] {
  const is = (c: { storage: string }, level: string): boolean => c.storage.toUpperCase() === level;
  if (!cells.some((c) => is(c, CACHE_STORAGE) || is(c, REPLICATED_STORAGE))) return [];
  const faults: (string | null)[] = faultsOf(cells);
  return (faults.length > 0 ? faults : [null]).map((fault) => ({
    fault,
    rows: firstSeen(cells.map((c) => c.scenario))
      .map((scenario) => {
        const find = (level: string, f: string): CellSummary | null => cells.find((c) => c.scenario === scenario && is(c, level) && c.fault === f) ?? null;
        // A level that did not run this fault still shows its fault-free latency.
        const pick = (level: string): SummaryRow | null => {
          const faultFree = find(level, NO_FAULT);
          const faulted = fault === null ? null : find(level, fault);
          return faultFree === null && faulted === null ? null : { scenario, storage: level, fault, faultFree, faulted };
        };
        const cache = pick(CACHE_STORAGE);
        const replicated = pick(REPLICATED_STORAGE);
        return {
          scenario,
          baseline: pick(BASELINE_STORAGE),
          cache,
          replicated,
          faultFree: compareLatency(cache?.faultFree, replicated?.faultFree),
          withFault: compareLatency(cache?.faulted, replicated?.faulted),
        };
      })
      // Under a fault, only scenarios where cache() or the replica met it answer the question.
      .filter((r) => (fault === null ? r.cache !== null || r.replicated !== null : r.cache?.faulted != null || r.replicated?.faulted != null)),
  }));
}

function compareLatency(a: CellSummary | null | undefined, b: CellSummary | null | undefined): StatComparison | null {
  const sa = a?.job_latency_ms ?? null;
  const sb = b?.job_latency_ms ?? null;
  return sa === null || sb === null ? null : compareStats(sa, sb);
}
