// Every storage level gives the reference's answers, first computing and caching, then from the cache;
// the event log shows each partition stored once, where the level puts it, and the file not read again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageLevel, type DataFrame, type SparkSession } from '../../src/index.js';
import { appModel, described, generatedCsv, jobNamed, purchasesOf, readEvents, startSession, sumOf, tasksOf, tempDir, wideAsReference, wideDifferences, wideOf, fileInputBytes, fileInputRecords, cacheHits } from './fixtures.js';
import { referenceResult, type ReferenceResult } from './reference.js';

const tmp = tempDir('levels');
let spark: SparkSession;
let df: DataFrame;
let ref: ReferenceResult;

beforeAll(async () => {
  const path = await generatedCsv(tmp.path, 20_000, 5);
  ref = referenceResult(path);
  // ~14 splits of 200 KiB; the default memory budget holds every partition.
  spark = await startSession('local[2]', `${tmp.path}/events`, { 'spark.sql.files.maxPartitionBytes': '200k', 'spark.sql.shuffle.partitions': 7, 'spark.log.level': 'ERROR' });
  df = await readEvents(spark, path);
});

afterAll(async () => {
  await spark?.stop();
  tmp.remove();
});

/** Where a partition of this level lands with ample on-heap memory and no off-heap memory configured. */
function expectedStore(level: StorageLevel): 'memory' | 'disk' {
  return level.useMemory && !level.useOffHeap ? 'memory' : 'disk';
}

describe('persist(level) of the purchases', () => {
  it.each(StorageLevel.ALL_NAMES)('%s: narrow and wide equal the reference, computed then cached', async (name) => {
    const level = StorageLevel.fromString(name);
    const purchases = purchasesOf(df).persist(name);
    const rdd = purchases.toRdd();
    const run = (what: string) => `${name} ${what}`;
    try {
      expect(await described(spark, run('narrow 1'), () => purchases.count())).toBe(ref.purchases);
      expect(wideDifferences(wideAsReference(await described(spark, run('wide 1'), () => wideOf(purchases).collectRows())), ref.widePurchases)).toEqual([]);
      expect(await described(spark, run('narrow 2'), () => purchases.count())).toBe(ref.purchases);
      // A new aggregate: its map stage has not run, so it really reads the purchases again.
      expect(wideDifferences(wideAsReference(await described(spark, run('wide 2'), () => wideOf(purchases).collectRows())), ref.widePurchases)).toEqual([]);

      const model = await appModel(spark);
      const narrow1 = tasksOf(model, jobNamed(model, run('narrow 1')));
      const narrow2 = tasksOf(model, jobNamed(model, run('narrow 2')));
      const wide2 = tasksOf(model, jobNamed(model, run('wide 2')));
      expect(narrow1).toHaveLength(rdd.numPartitions);
      expect(sumOf(narrow1, (t) => t.metrics.inputBytes)).toBeGreaterThan(0);
      const blocks = model.blockUpdates.filter((b) => b.source === 'BlockUpdated' && b.blockId.startsWith(`rdd_${rdd.id}_`));

      if (name === 'NONE') {
        expect(blocks).toEqual([]);
        // Nothing kept: every run scans the file again.
        expect(sumOf(narrow2, (t) => t.metrics.inputBytes)).toBe(sumOf(narrow1, (t) => t.metrics.inputBytes));
        return;
      }
      // Each partition stored exactly once (by the first job), where the level says.
      expect(blocks.map((b) => b.blockId).sort()).toEqual(Array.from({ length: rdd.numPartitions }, (_, p) => `rdd_${rdd.id}_${p}`).sort());
      const store = expectedStore(level);
      for (const b of blocks) {
        expect(b.storageLevel.useMemory, b.blockId).toBe(store === 'memory');
        expect(b.storageLevel.useDisk, b.blockId).toBe(store === 'disk');
        expect(b.storageLevel.replication, b.blockId).toBe(level.replication);
        if (store === 'memory') {
          expect(b.storageLevel.deserialized, b.blockId).toBe(level.deserialized);
          expect([b.memSize > 0, b.diskSize], b.blockId).toEqual([true, 0]);
        } else {
          expect([b.memSize, b.diskSize > 0], b.blockId).toEqual([0, true]);
        }
      }
      // The second runs read the cache: no task scans the file, and the stage saw every partition cached.
      expect(sumOf(narrow2, fileInputBytes)).toBe(0);
      expect(sumOf(narrow2, fileInputRecords)).toBe(0);
      expect(sumOf(wide2, fileInputBytes)).toBe(0);
      expect(sumOf(narrow2, cacheHits)).toBe(rdd.numPartitions);
      // Spark counts a cached partition as the task's input: the records the cache gave back.
      expect(sumOf(narrow2, (t) => t.metrics.inputRecords)).toBe(ref.purchases);
      const narrow2Stage = model.stages.find((s) => s.stageId === jobNamed(model, run('narrow 2')).stageIds[0])!;
      expect(narrow2Stage.rddInfos.find((r) => r.rddId === rdd.id)?.numCachedPartitions).toBe(rdd.numPartitions);
    } finally {
      await purchases.unpersist();
    }
  });
});
