// The engine's narrow and wide answers equal an independent scan of the same file, whatever the seed,
// the split size, the number of shuffle partitions and the number of cores.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SparkSession } from '../../src/index.js';
import { generatedCsv, purchasesOf, readEvents, startSession, tempDir, wideAsReference, wideDifferences, wideOf } from './fixtures.js';
import { referenceResult, type ReferenceResult } from './reference.js';

const INPUTS = [
  { rows: 5_000, seed: 11 },
  { rows: 12_000, seed: 23 },
  { rows: 25_000, seed: 42 },
];
/** spark.sql.files.maxPartitionBytes: all below the 4 MiB open cost, so each is the split size. */
const SPLIT_SIZES = [
  { conf: '64k', bytes: 64 * 1024 },
  { conf: '200k', bytes: 200 * 1024 },
  { conf: '1m', bytes: 1024 * 1024 },
];
const SHUFFLE_PARTITIONS = [1, 7, 50];

const tmp = tempDir('correctness');
const inputs: { path: string; rows: number; seed: number; size: number; ref: ReferenceResult }[] = [];

beforeAll(async () => {
  for (const { rows, seed } of INPUTS) {
    const path = await generatedCsv(tmp.path, rows, seed);
    inputs.push({ path, rows, seed, size: statSync(path).size, ref: referenceResult(path) });
  }
});

afterAll(() => tmp.remove());

describe.each(['local[1]', 'local[2]'])('on %s', (master) => {
  let spark: SparkSession;

  beforeAll(async () => {
    spark = await startSession(master, `${tmp.path}/events-${master.replace(/\W/g, '')}`);
  });

  afterAll(async () => {
    await spark?.stop();
  });

  it.each(INPUTS)('$rows rows, seed $seed: narrow and wide equal the reference for every split size and shuffle width', async ({ seed }) => {
    const { path, size, rows, ref } = inputs.find((input) => input.seed === seed)!;
    // The generator's own row count, the reference's and the engine's must agree before anything else.
    expect(ref.rows).toBe(rows);
    expect(ref.purchases).toBeGreaterThan(0);
    for (const split of SPLIT_SIZES) {
      spark.conf.set('spark.sql.files.maxPartitionBytes', split.conf);
      const df = await readEvents(spark, path);
      const where = `split ${split.conf}`;
      expect(df.toRdd().numPartitions, where).toBe(Math.ceil(size / split.bytes));
      // Every line is read by exactly one split: none lost or doubled at the cuts.
      expect(await df.count(), where).toBe(ref.rows);
      expect(await purchasesOf(df).count(), where).toBe(ref.purchases);

      const digests = new Set<string>();
      for (const partitions of SHUFFLE_PARTITIONS) {
        spark.conf.set('spark.sql.shuffle.partitions', partitions);
        const here = `${where}, ${partitions} shuffle partitions`;
        const wide = wideOf(df);
        expect(wide.toRdd().numPartitions, here).toBe(partitions);
        expect(wideDifferences(wideAsReference(await wide.collectRows()), ref.wide), here).toEqual([]);

        const summary = await wide.summarize(20);
        expect(summary.count, here).toBe(ref.wide.size);
        expect(wideDifferences(wideAsReference(summary.head), new Map(summary.head.map((r) => [r[0] as string, ref.wide.get(r[0] as string)!]))), here).toEqual([]);
        digests.add(summary.digest);
      }
      // With the same splits the map-side sums are merged in map order whatever the reduce side, so even
      // the doubles' last bits (and so the digest) agree. Across split sizes they may not: see the report.
      expect(digests.size, where).toBe(1);
    }
  });
});
