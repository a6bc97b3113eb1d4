/**
 * Child-process entry of the memory check (forked by memory.ts; not meant to be run by hand). Peak RSS
 * is a per-process high-water mark, so the check gets a process of its own: in the benchmark process
 * it would include DuckDB's memory and whatever the other phases left behind.
 *
 * The process runs the cached scenario — purchases persisted MEMORY_ONLY, filled by a count, then the
 * wide job and the narrow job read from the cache — and sends back its peak RSS and the cached bytes.
 */
import { StorageLevel } from '@sparkbench/core';
import { onlyPurchases, readEvents, sessionOrders } from '../scenarios/seed-jobs.js';
import { startEngine } from './engine-session.js';
import type { MemoryProbeResult } from './memory.js';

/** process.resourceUsage().maxRSS is in KiB (getrusage's ru_maxrss on Linux). */
function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function probe(csvPath: string): Promise<MemoryProbeResult> {
  const rssAtStart = process.memoryUsage().rss;
  const spark = await startEngine('sparkbench perf memory');
  try {
    const rssSessionStarted = process.memoryUsage().rss;
    const purchases = onlyPurchases(await readEvents(spark, csvPath)).persist(StorageLevel.MEMORY_ONLY);
    const peakAfterRead = peakRssBytes();
    const count = await purchases.count();
    const rdd = purchases.plan.rdd;
    if (rdd === undefined) throw new Error('persisted purchases were not planned as an RDD of their own');
    const bmm = spark.sparkContext.blockManagerMaster;
    const cachedPartitions = bmm.cachedPartitions(rdd.id, rdd.numPartitions);
    const { memSize, diskSize } = bmm.rddSizes(rdd.id);
    const groups = (await sessionOrders(purchases).summarize(21)).count;
    const countAgain = await purchases.count();
    if (countAgain !== count) throw new Error(`cached purchases counted ${countAgain}, computed ${count}`);
    return {
      purchases: count,
      sessionGroups: groups,
      cachedBytes: memSize,
      cachedDiskBytes: diskSize,
      cachedPartitions,
      partitions: rdd.numPartitions,
      rssAtStart,
      rssSessionStarted,
      peakRssAfterRead: peakAfterRead,
      peakRss: peakRssBytes(),
    };
  } finally {
    await spark.stop();
  }
}

const csvPath = process.argv[2];
if (csvPath === undefined || process.send === undefined) {
  console.error('memory-probe.js is forked by the benchmark: node dist/perf/run.js');
  process.exit(2);
}
probe(csvPath).then(
  (result) => process.send!({ ok: true, result }, () => process.exit(0)),
  (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1)),
);
