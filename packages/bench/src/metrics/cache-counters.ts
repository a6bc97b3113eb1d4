/**
 * sparkbench's cache counters (accumulables on each task, the way Spark SQL reports its metrics),
 * summed over a job. Real Spark logs carry none, so these read 0 there.
 */
import { CACHE_ACCUMULABLES, type events } from '@sparkbench/core';

export interface CacheCounters {
  readonly localHits: number;
  /** Cached partitions read from another executor's block manager (a replica when the owner is gone). */
  readonly remoteHits: number;
  /** Partitions of a persisted RDD that were not cached anywhere and were computed from lineage. */
  readonly misses: number;
}

export function cacheCounters(tasks: readonly events.TaskRecord[]): CacheCounters {
  let localHits = 0;
  let remoteHits = 0;
  let misses = 0;
  for (const t of tasks) {
    localHits += t.accumulables[CACHE_ACCUMULABLES.localHits] ?? 0;
    remoteHits += t.accumulables[CACHE_ACCUMULABLES.remoteHits] ?? 0;
    misses += t.accumulables[CACHE_ACCUMULABLES.misses] ?? 0;
  }
  return { localHits, remoteHits, misses };
}
