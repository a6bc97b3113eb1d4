// checkpoint() and localCheckpoint() keep the answers and cut the lineage (later jobs read no input file);
// unpersist() removes the blocks, says so in the log, and later jobs recompute the right answers.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageLevel, type DataFrame, type SparkSession } from '../../src/index.js';
import type { AppModel, JobRecord } from '../../src/events/index.js';
import { appModel, described, generatedCsv, jobNamed, purchasesOf, readEvents, startSession, sumOf, tasksOf, tempDir, wideAsReference, wideDifferences, wideOf, fileInputBytes } from './fixtures.js';
import { referenceResult, type ReferenceResult } from './reference.js';

const tmp = tempDir('checkpoint');
const checkpointDir = join(tmp.path, 'checkpoints');
let spark: SparkSession;
let df: DataFrame;
let ref: ReferenceResult;

beforeAll(async () => {
  const path = await generatedCsv(tmp.path, 10_000, 17);
  ref = referenceResult(path);
  spark = await startSession('local[2]', `${tmp.path}/events`, { 'spark.sql.files.maxPartitionBytes': '128k', 'spark.sql.shuffle.partitions': 5 });
  spark.sparkContext.setCheckpointDir(checkpointDir);
  df = await readEvents(spark, path);
});

afterAll(async () => {
  await spark?.stop();
  tmp.remove();
});

/** Partition files written under `dir`, at any depth. */
function partFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)part-\d{5}$/.test(f));
}

/** The job read nothing from the input file, and none of its stages has the file scan in its lineage. */
function expectNoScan(model: AppModel, job: JobRecord): void {
  expect(sumOf(tasksOf(model, job), fileInputBytes)).toBe(0);
  for (const s of model.stages.filter((st) => job.stageIds.includes(st.stageId))) {
    expect(s.rddInfos.map((r) => r.name)).not.toContain('FileScanRDD');
  }
}

/** Runs the narrow and wide queries over `frame` under the given description prefix; both must be right. */
async function expectRightAnswers(frame: DataFrame, label: string): Promise<void> {
  expect(await described(spark, `${label} narrow`, () => frame.count())).toBe(ref.purchases);
  expect(wideDifferences(wideAsReference(await described(spark, `${label} wide`, () => wideOf(frame).collectRows())), ref.widePurchases)).toEqual([]);
}

describe('checkpoint()', () => {
  it('writes every partition, and later jobs read the files instead of the input', async () => {
    const purchases = purchasesOf(df);
    const before = partFiles(checkpointDir).length;
    const checkpointed = await purchases.checkpoint();
    expect(partFiles(checkpointDir).length - before).toBe(purchases.toRdd().numPartitions);
    expect(checkpointed.toRdd().deps).toEqual([]);
    await expectRightAnswers(checkpointed, 'reliable');

    const model = await appModel(spark);
    expectNoScan(model, jobNamed(model, 'reliable narrow'));
    expectNoScan(model, jobNamed(model, 'reliable wide'));
    // The original keeps its lineage and still answers from the file.
    expect(purchases.toRdd().deps).not.toEqual([]);
    expect(await purchases.count()).toBe(ref.purchases);
  });

  it('of an aggregate needs no shuffle afterwards', async () => {
    const checkpointed = await wideOf(df).checkpoint();
    const rows = await described(spark, 'reliable aggregate', () => checkpointed.collectRows());
    expect(wideDifferences(wideAsReference(rows), ref.wide)).toEqual([]);
    const model = await appModel(spark);
    const job = jobNamed(model, 'reliable aggregate');
    expect(job.stageIds).toHaveLength(1);
    expect(sumOf(tasksOf(model, job), (t) => t.metrics.shuffleRecordsRead)).toBe(0);
    expectNoScan(model, job);
  });

  it('with eager = false still gives a readable checkpoint', async () => {
    await expectRightAnswers(await purchasesOf(df).checkpoint(false), 'reliable lazy');
  });
});

describe('localCheckpoint()', () => {
  it('caches every partition, cuts the lineage, and leaves the original DataFrame alone', async () => {
    const purchases = purchasesOf(df);
    const checkpointed = await purchases.localCheckpoint();
    const rdd = checkpointed.toRdd();
    expect(rdd.deps).toEqual([]);
    await expectRightAnswers(checkpointed, 'local');

    const model = await appModel(spark);
    const blocks = model.blockUpdates.filter((b) => b.source === 'BlockUpdated' && b.blockId.startsWith(`rdd_${rdd.id}_`));
    expect(blocks.map((b) => b.blockId).sort()).toEqual(Array.from({ length: rdd.numPartitions }, (_, p) => `rdd_${rdd.id}_${p}`).sort());
    expectNoScan(model, jobNamed(model, 'local narrow'));
    expectNoScan(model, jobNamed(model, 'local wide'));
    expect(purchases.toRdd().deps).not.toEqual([]);
    expect(await purchases.count()).toBe(ref.purchases);
  });

  it('with eager = false still gives readable blocks', async () => {
    await expectRightAnswers(await purchasesOf(df).localCheckpoint(false), 'local lazy');
  });
});

describe('unpersist()', () => {
  it('removes every block, logs the removal, and later jobs recompute the right answers', async () => {
    const purchases = purchasesOf(df).persist('MEMORY_AND_DISK');
    const rdd = purchases.toRdd();
    expect(await purchases.count()).toBe(ref.purchases);
    await purchases.unpersist();
    expect(purchases.storageLevel).toBe(StorageLevel.NONE);
    await expectRightAnswers(purchases, 'unpersisted');

    const model = await appModel(spark);
    expect(model.unpersistedRddIds).toContain(rdd.id);
    const updates = model.blockUpdates.filter((b) => b.source === 'BlockUpdated' && b.blockId.startsWith(`rdd_${rdd.id}_`));
    const expected = Array.from({ length: rdd.numPartitions }, (_, p) => `rdd_${rdd.id}_${p}`).sort();
    const removed = updates.filter((b) => !b.storageLevel.useMemory && !b.storageLevel.useDisk);
    expect(removed.map((b) => b.blockId).sort()).toEqual(expected);
    // Stored first, removed after: each block's last update is its removal.
    for (const id of expected) expect(updates.filter((b) => b.blockId === id).map((b) => b.storageLevel.useMemory)).toEqual([true, false]);
    // Nothing cached any more: the file is read again.
    expect(sumOf(tasksOf(model, jobNamed(model, 'unpersisted narrow')), (t) => t.metrics.inputBytes)).toBeGreaterThan(0);
  });
});
