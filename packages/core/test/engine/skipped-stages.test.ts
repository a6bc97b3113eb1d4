// Stages whose output already exists are listed in a job but never submitted: the log shows them as
// skipped. That holds for a reused shuffle and, per Spark's rule, below an RDD that is fully cached.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataFrame, SparkSession } from '../../src/index.js';
import { appModel, described, generatedCsv, jobNamed, purchasesOf, readEvents, startSession, sumOf, tasksOf, tempDir, wideAsReference, wideDifferences, wideOf, fileInputBytes } from './fixtures.js';
import { referenceResult, type ReferenceResult } from './reference.js';

const SHUFFLE_PARTITIONS = 6;
const tmp = tempDir('skipped');
let spark: SparkSession;
let df: DataFrame;
let ref: ReferenceResult;

beforeAll(async () => {
  const path = await generatedCsv(tmp.path, 12_000, 31);
  ref = referenceResult(path);
  spark = await startSession('local[2]', `${tmp.path}/events`, { 'spark.sql.files.maxPartitionBytes': '256k', 'spark.sql.shuffle.partitions': SHUFFLE_PARTITIONS, 'spark.log.level': 'ERROR' });
  df = await readEvents(spark, path);
});

afterAll(async () => {
  await spark?.stop();
  tmp.remove();
});

function shuffleIdOf(frame: DataFrame): number {
  const dep = frame.toRdd().deps[0];
  if (dep?.type !== 'shuffle') throw new Error('expected a DataFrame right after a shuffle');
  return dep.shuffle.shuffleId;
}

describe('skipped stages', () => {
  it('an action run twice on one aggregate skips its map stage the second time', async () => {
    const wide = wideOf(df);
    const first = await described(spark, 'twice 1', () => wide.summarize(20));
    const second = await described(spark, 'twice 2', () => wide.summarize(20));
    for (const s of [first, second]) expect(s.count).toBe(ref.wide.size);
    expect(second.digest).toBe(first.digest);

    const model = await appModel(spark);
    const job1 = jobNamed(model, 'twice 1');
    const job2 = jobNamed(model, 'twice 2');
    expect(job1.skippedStageIds).toEqual([]);
    expect(job1.stageIds).toHaveLength(2);
    const mapStage = Math.min(...job1.stageIds);
    // The second job lists the same map stage (same id) with a new result stage, and never submits it.
    expect(job2.stageIds).toContain(mapStage);
    expect(job2.stageIds).toHaveLength(2);
    expect(job2.skippedStageIds).toEqual([mapStage]);
    expect(model.stages.filter((s) => s.stageId === mapStage).map((s) => [s.attemptId, s.status])).toEqual([[0, 'complete']]);
    expect(model.stages.find((s) => s.stageId === mapStage)?.jobIds).toEqual([job1.jobId, job2.jobId]);
    const tasks2 = tasksOf(model, job2);
    expect(tasks2.map((t) => t.taskType)).toEqual(new Array(SHUFFLE_PARTITIONS).fill('ResultTask'));
    expect(sumOf(tasks2, (t) => t.metrics.inputBytes)).toBe(0);
    // It read the same map output again.
    const read = (tasks: typeof tasks2) => sumOf(tasks.filter((t) => t.taskType === 'ResultTask'), (t) => t.metrics.shuffleRecordsRead);
    expect(read(tasks2)).toBe(read(tasksOf(model, job1)));
  });

  it('a job over a fully cached RDD skips the stage below it, even once that stage lost its map output', async () => {
    // A shuffle below the cache: scan + filter, repartition, cache.
    const cached = purchasesOf(df).repartition(5).persist('MEMORY_ONLY');
    expect(await described(spark, 'fill cache', () => cached.count())).toBe(ref.purchases);

    // Lose every map output on the executor: delete one shuffle's files, so the next read of it fails to
    // fetch and the scheduler forgets all map outputs of that executor (Spark's rule on FetchFailed).
    const other = wideOf(df);
    expect(wideDifferences(wideAsReference(await other.collectRows()), ref.wide)).toEqual([]);
    const shuffleDir = join(spark.sparkContext.appDir, 'executor-driver', 'shuffle');
    const lostShuffle = shuffleIdOf(other);
    const files = readdirSync(shuffleDir).filter((f) => f.startsWith(`shuffle_${lostShuffle}_`));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) rmSync(join(shuffleDir, f));
    // The map stage is resubmitted and the answer is still right.
    expect(wideDifferences(wideAsReference(await described(spark, 'after loss', () => other.collectRows())), ref.wide)).toEqual([]);

    const overCache = wideOf(cached);
    expect(wideDifferences(wideAsReference(await described(spark, 'over cache', () => overCache.collectRows())), ref.widePurchases)).toEqual([]);

    // Probe, after that job: the same shuffle read without the cache must rerun the scan stage, which shows
    // its map output really was missing while the job over the cache skipped it.
    const sc = spark.sparkContext;
    const uncachedCopy = sc.register({ ...cached.toRdd(), id: sc.newRddId(), storageLevel: 'NONE' });
    const counts = (await sc.runJob(uncachedCopy, { kind: 'count' }, 'probe')) as number[];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ref.purchases);

    const model = await appModel(spark);
    const fill = jobNamed(model, 'fill cache');
    const scanStage = Math.min(...fill.stageIds);
    const afterLoss = jobNamed(model, 'after loss');
    expect(tasksOf(model, afterLoss).some((t) => t.reason?.kind === 'FetchFailed')).toBe(true);
    expect(model.stages.some((s) => afterLoss.stageIds.includes(s.stageId) && s.attemptId > 0 && s.status === 'complete')).toBe(true);
    // The scan stage's output is gone now, but the cache above it is complete: listed, not submitted.
    const job = jobNamed(model, 'over cache');
    expect(job.stageIds).toContain(scanStage);
    expect(job.skippedStageIds).toEqual([scanStage]);
    expect(sumOf(tasksOf(model, job), fileInputBytes)).toBe(0);
    const probe = jobNamed(model, 'probe');
    expect(probe.skippedStageIds).toEqual([]);
    expect(model.stages.filter((s) => s.stageId === scanStage).map((s) => [s.attemptId, s.status])).toEqual([
      [0, 'complete'],
      [1, 'complete'],
    ]);
  });
});
