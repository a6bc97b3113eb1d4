// A storage budget smaller than the data: MEMORY_ONLY keeps only the partitions that fit and recomputes
// the rest, a second cached RDD evicts the first one's blocks, MEMORY_AND_DISK puts what does not fit on
// disk, and every answer stays the reference's.
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { col, type DataFrame, type Executor, type SparkSession } from '../../src/index.js';
import type { BlockManager } from '../../src/storage/block-manager.js';
import type { AppModel, BlockUpdateRecord } from '../../src/events/index.js';
import { appModel, described, generatedCsv, jobNamed, purchasesOf, readEvents, startSession, tasksOf, tempDir, wideAsReference, wideDifferences, wideOf, fileInputBytes } from './fixtures.js';
import { referenceResult, type ReferenceResult } from './reference.js';

/** 3 MiB of "heap" with nothing reserved: (3 MiB - 0) * 0.6 of storage, a few of the ~470 KB partitions. */
const BUDGET = Math.floor(3 * 1024 * 1024 * 0.6);

const tmp = tempDir('eviction');
let spark: SparkSession;
let df: DataFrame;
let ref: ReferenceResult;
let stderr: MockInstance<typeof process.stderr.write>;
const logged: string[] = [];

beforeAll(async () => {
  const path = await generatedCsv(tmp.path, 20_000, 9);
  ref = referenceResult(path);
  // Log lines go to stderr; keep them for the assertions instead of printing them.
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  });
  spark = await startSession('local[2]', `${tmp.path}/events`, {
    'spark.sql.files.maxPartitionBytes': '200k',
    'spark.sql.shuffle.partitions': 7,
    'spark.driver.memory': '3m',
    'spark.testing.reservedMemory': 0,
  });
  df = await readEvents(spark, path);
});

afterAll(async () => {
  await spark?.stop();
  stderr?.mockRestore();
  tmp.remove();
});

function updatesOf(model: AppModel, rddId: number): BlockUpdateRecord[] {
  return model.blockUpdates.filter((b) => b.source === 'BlockUpdated' && b.blockId.startsWith(`rdd_${rddId}_`));
}

/** The local executor's block manager: what it really holds, to check the driver's view against. */
function localBlockManager(session: SparkSession): BlockManager {
  const executor = (session.sparkContext.backend as unknown as { executor?: Executor }).executor;
  if (executor === undefined) throw new Error('expected a started local backend');
  return executor.blockManager;
}

function warned(text: string): boolean {
  return logged.some((line) => line.includes(text));
}

describe('a 1.8 MiB storage budget', () => {
  let all: DataFrame;
  let notPurchases: DataFrame;
  let allRdd: number;
  let cachedAtFirst: string[];

  it('is the budget the block manager announces', async () => {
    const model = await appModel(spark);
    expect(model.blockManagers.get('driver')?.maxMemory).toBe(BUDGET);
  });

  it('can also be set outright with spark.storage.memoryBytes (sparkbench\'s key, as on the cluster)', async () => {
    const other = await startSession('local[1]', `${tmp.path}/events-budget`, { 'spark.storage.memoryBytes': 123_456 });
    try {
      expect((await appModel(other)).blockManagers.get('driver')?.maxMemory).toBe(123_456);
    } finally {
      await other.stop();
    }
  });

  it('MEMORY_ONLY keeps some partitions, recomputes the others, and answers right', async () => {
    // persist() marks and returns the DataFrame itself: `all` is `df`, so every query over `df` now reads it.
    all = df.persist('MEMORY_ONLY');
    const rdd = all.toRdd();
    allRdd = rdd.id;
    expect(await described(spark, 'memory-only narrow 1', () => purchasesOf(all).count())).toBe(ref.purchases);
    expect(wideDifferences(wideAsReference(await wideOf(all).collectRows()), ref.wide)).toEqual([]);
    expect(await described(spark, 'memory-only narrow 2', () => purchasesOf(all).count())).toBe(ref.purchases);

    const model = await appModel(spark);
    const stored = updatesOf(model, allRdd);
    cachedAtFirst = stored.map((b) => b.blockId);
    // Some, not all, fit; those are in memory only, within the budget.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(rdd.numPartitions);
    expect(new Set(cachedAtFirst).size).toBe(cachedAtFirst.length);
    for (const b of stored) expect([b.storageLevel.useMemory, b.storageLevel.useDisk, b.diskSize]).toEqual([true, false, 0]);
    expect(stored.reduce((a, b) => a + b.memSize, 0)).toBeLessThanOrEqual(BUDGET);
    // Each partition left out was refused with Spark's warning.
    for (let p = 0; p < rdd.numPartitions; p++) {
      const id = `rdd_${allRdd}_${p}`;
      if (!cachedAtFirst.includes(id)) expect(warned(`WARN MemoryStore: Not enough space to cache ${id} in memory!`), id).toBe(true);
    }
    // The second scan reads cached partitions from memory and recomputes exactly the others from the file.
    const second = tasksOf(model, jobNamed(model, 'memory-only narrow 2'));
    expect(second).toHaveLength(rdd.numPartitions);
    for (const t of second) {
      const cached = cachedAtFirst.includes(`rdd_${allRdd}_${t.index}`);
      expect(fileInputBytes(t) > 0, `partition ${t.index} cached: ${cached}`).toBe(!cached);
    }
  });

  it('a MEMORY_AND_DISK RDD and the MEMORY_ONLY one evict each other; the evicted MEMORY_AND_DISK blocks go to disk', async () => {
    notPurchases = df.filter(col('event_type').ne('purchase')).persist('MEMORY_AND_DISK');
    const rdd = notPurchases.toRdd();
    expect(await notPurchases.count()).toBe(ref.rows - ref.purchases);
    expect(await notPurchases.count()).toBe(ref.rows - ref.purchases);

    const model = await appModel(spark);
    const updates = updatesOf(model, rdd.id);
    // Both RDDs want memory: computing a partition of this one re-caches its MEMORY_ONLY parent's partition,
    // and each put evicts the other RDD's blocks (never its own), as Spark's MemoryStore does.
    const stored = new Set(updates.filter((b) => b.storageLevel.useMemory || b.storageLevel.useDisk).map((b) => b.blockId));
    expect([...stored].sort()).toEqual(Array.from({ length: rdd.numPartitions }, (_, p) => `rdd_${rdd.id}_${p}`).sort());
    const onDiskOnly = updates.filter((b) => b.storageLevel.useDisk && !b.storageLevel.useMemory);
    expect(onDiskOnly.length).toBeGreaterThan(0);
    // (A block dropped to disk reports the memory it freed as memSize, as Spark's reportBlockStatus does.)
    for (const b of onDiskOnly) expect(b.diskSize, b.blockId).toBeGreaterThan(0);
    // A block whose first put found no room went straight to disk, with Spark's warning.
    for (const id of stored) {
      const first = updates.find((b) => b.blockId === id)!;
      if (!first.storageLevel.useMemory) expect(warned(`WARN BlockManager: Persisting block ${id} to disk instead.`), id).toBe(true);
    }
    // The MEMORY_ONLY blocks made room too: dropped outright (no disk copy), reporting the memory they freed.
    const dropped = updatesOf(model, allRdd).filter((b) => !b.storageLevel.useMemory);
    expect(dropped.length).toBeGreaterThan(0);
    for (const b of dropped) expect([b.storageLevel.useDisk, b.memSize > 0, b.diskSize], b.blockId).toEqual([false, true, 0]);

    // After all that churn, the driver's block map and the log's last word on each block agree with what the
    // executor really holds (puts reported late used to overwrite a concurrent eviction).
    const blockManager = localBlockManager(spark);
    for (const id of [...Array.from({ length: rdd.numPartitions }, (_, p) => `rdd_${rdd.id}_${p}`), ...Array.from({ length: all.toRdd().numPartitions }, (_, p) => `rdd_${allRdd}_${p}`)]) {
      const held = blockManager.getStatus(id);
      const truth = held === undefined ? 'none' : `${held.storageLevel.useMemory ? 'memory' : ''}${held.storageLevel.useDisk ? 'disk' : ''}`;
      const master = spark.sparkContext.blockManagerMaster.status(id).get('driver');
      const last = model.blockUpdates.filter((b) => b.source === 'BlockUpdated' && b.blockId === id).at(-1);
      const seen = (flags: { useMemory: boolean; useDisk: boolean } | undefined) => (flags === undefined || (!flags.useMemory && !flags.useDisk) ? 'none' : `${flags.useMemory ? 'memory' : ''}${flags.useDisk ? 'disk' : ''}`);
      expect(seen(master), `${id} in the driver's block map`).toBe(truth);
      expect(seen(last?.storageLevel), `${id} in the event log`).toBe(truth);
    }
  });

  it('answers stay right over the evicted and the spilled RDDs', async () => {
    expect(await purchasesOf(all).count()).toBe(ref.purchases);
    expect(wideDifferences(wideAsReference(await wideOf(all).collectRows()), ref.wide)).toEqual([]);
  });

  it('MEMORY_AND_DISK alone keeps what fits in memory and writes the rest straight to disk', async () => {
    await notPurchases.unpersist();
    await all.unpersist();
    const spilled = df.persist('MEMORY_AND_DISK');
    const rdd = spilled.toRdd();
    expect(rdd.id).not.toBe(allRdd);
    expect(await described(spark, 'spill narrow 1', () => purchasesOf(spilled).count())).toBe(ref.purchases);
    expect(await described(spark, 'spill narrow 2', () => purchasesOf(spilled).count())).toBe(ref.purchases);
    expect(wideDifferences(wideAsReference(await wideOf(spilled).collectRows()), ref.wide)).toEqual([]);

    const model = await appModel(spark);
    const updates = updatesOf(model, rdd.id);
    // One put per partition and no eviction among siblings: each block is reported once.
    expect(updates.map((b) => b.blockId).sort()).toEqual(Array.from({ length: rdd.numPartitions }, (_, p) => `rdd_${rdd.id}_${p}`).sort());
    const inMemory = updates.filter((b) => b.storageLevel.useMemory);
    const onDisk = updates.filter((b) => !b.storageLevel.useMemory);
    expect(inMemory.length).toBeGreaterThan(0);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(inMemory.reduce((a, b) => a + b.memSize, 0)).toBeLessThanOrEqual(BUDGET);
    for (const b of inMemory) expect([b.storageLevel.useDisk, b.diskSize], b.blockId).toEqual([false, 0]);
    for (const b of onDisk) {
      expect([b.storageLevel.useDisk, b.memSize, b.diskSize > 0], b.blockId).toEqual([true, 0, true]);
      expect(warned(`WARN MemoryStore: Not enough space to cache ${b.blockId} in memory!`), b.blockId).toBe(true);
      expect(warned(`WARN BlockManager: Persisting block ${b.blockId} to disk instead.`), b.blockId).toBe(true);
    }
    // Memory or disk, every partition is cached: the second scan reads nothing from the file.
    expect(tasksOf(model, jobNamed(model, 'spill narrow 2')).map(fileInputBytes)).toEqual(new Array(rdd.numPartitions).fill(0));
  });
});
