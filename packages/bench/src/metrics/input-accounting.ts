/**
 * What a job read, counting each partition once. A partition re-run after a loss reads its input
 * again; counting that as "input" would make a faulty run look like it processed more data, so the
 * final successful attempt's input is the job's input and every other read is recomputation.
 */
import { CACHE_ACCUMULABLES, type events } from '@sparkbench/core';
import type { PartitionAttempts } from './partition-attempts.js';

export interface InputAccounting {
  /** Input Metrics of each partition's final successful attempt. */
  readonly rows: number;
  readonly bytes: number;
  /**
   * Input read to rebuild lost data: every read by an attempt that is not a partition's final one
   * (failed attempts, attempts whose output was lost), plus the input of final attempts that had to
   * compute a persisted partition from lineage (a cache miss).
   */
  readonly recomputedBytes: number;
}

export function cacheMisses(t: events.TaskRecord): number {
  return t.accumulables[CACHE_ACCUMULABLES.misses] ?? 0;
}

export function inputAccounting(partitions: readonly PartitionAttempts[]): InputAccounting {
  let rows = 0;
  let bytes = 0;
  let recomputedBytes = 0;
  for (const p of partitions) {
    for (const t of p.attempts) {
      if (t === p.final) {
        rows += t.metrics.inputRecords;
        bytes += t.metrics.inputBytes;
        if (cacheMisses(t) > 0) recomputedBytes += t.metrics.inputBytes;
      } else {
        recomputedBytes += t.metrics.inputBytes;
      }
    }
  }
  return { rows, bytes, recomputedBytes };
}
