import { statSync } from 'node:fs';
import { count, deserializeRows, serializeRows, type DataFrame, type Row, type SparkSession } from '@sparkbench/core';
import { Bench, type Task } from 'tinybench';
import { onlyPurchases, readEvents } from '../scenarios/seed-jobs.js';
import { startEngine } from './engine-session.js';
import { BLOCK_ROWS, storageLevelBench } from './micro-storage.js';
import { RPC_ASKS, rpcRoundTripBench } from './micro-rpc.js';

export interface MicroResult {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samples: number;
  /** Work per iteration divided by the median time, in `unit`. */
  readonly throughput: number;
  readonly unit: string;
}

export interface MicroSkipped {
  readonly name: string;
  readonly reason: string;
}

export interface MicroReport {
  readonly inputRows: number;
  readonly inputBytes: number;
  readonly results: MicroResult[];
  readonly skipped: MicroSkipped[];
}

/** Rows serialised per iteration. */
const SERIALIZE_ROWS = 100_000;
const MB = 1e6;

/**
 * Settings for tasks of a few hundred milliseconds (engine jobs) and of tens (the serializer). A fixed
 * iteration count rather than a time budget: a loaded machine then takes longer instead of measuring less.
 */
const ENGINE_BENCH = { iterations: 7, time: 0, warmupIterations: 2, warmupTime: 0, throws: true } as const;
const CPU_BENCH = { iterations: 20, time: 0, warmupIterations: 3, warmupTime: 0, throws: true } as const;

function resultOf(task: Task, work: number, unit: string): MicroResult {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`micro-benchmark ${task.name} did not complete: ${r.state}${'error' in r ? ` (${String(r.error)})` : ''}`);
  const l = r.latency;
  return { name: task.name, medianMs: l.p50, minMs: l.min, maxMs: l.max, samples: l.samplesCount, throughput: work / (l.p50 / 1000), unit };
}

/** Same file, read with small splits so the map side of a shuffle has many partitions. */
async function readWithSplitBytes(spark: SparkSession, path: string, bytes: string): Promise<DataFrame> {
  const previous = spark.conf.get('spark.sql.files.maxPartitionBytes');
  spark.conf.set('spark.sql.files.maxPartitionBytes', bytes);
  try {
    return await readEvents(spark, path);
  } finally {
    spark.conf.set('spark.sql.files.maxPartitionBytes', previous ?? '128m');
  }
}

/** groupBy(user_session).count over every row: many keys, so most rows cross the shuffle. */
async function shuffleJob(spark: SparkSession, df: DataFrame, partitions: number): Promise<number> {
  spark.conf.set('spark.sql.shuffle.partitions', partitions);
  return df.groupBy('user_session').agg(count('user_session').alias('n')).count();
}

/**
 * Small, fast measurements of the pieces the macro jobs are made of, on a ~20 MB file of the same
 * generator. Each engine measurement is a whole job, so it includes scheduling and thread hand-off; the
 * serializer ones are pure CPU on the main thread.
 */
export async function runMicro(csvPath: string, inputRows: number): Promise<MicroReport> {
  const inputBytes = statSync(csvPath).size;
  const spark = await startEngine('sparkbench perf micro');
  try {
    const df = await readEvents(spark, csvPath);
    const manySplits = await readWithSplitBytes(spark, csvPath, '2m');
    const mapPartitions = manySplits.toRdd().numPartitions;
    const rows: Row[] = (await df.collectRows()).slice(0, SERIALIZE_ROWS);
    if (rows.length < SERIALIZE_ROWS) throw new Error(`micro input has ${rows.length} rows, needs ${SERIALIZE_ROWS}`);
    const serialized = serializeRows(rows);

    const engine = new Bench({ name: 'engine jobs', ...ENGINE_BENCH });
    engine.add('csv scan: read + inferSchema (all columns)', () => readEvents(spark, csvPath));
    engine.add('csv scan: filter(purchase).count()', () => onlyPurchases(df).count());
    engine.add(`shuffle: groupBy(user_session) ${mapPartitions}→200 partitions`, () => shuffleJob(spark, manySplits, 200));
    engine.add(`shuffle: groupBy(user_session) ${mapPartitions}→2 partitions`, () => shuffleJob(spark, manySplits, 2));
    await engine.run();
    spark.conf.set('spark.sql.shuffle.partitions', 200);

    const cpu = new Bench({ name: 'serializer', ...CPU_BENCH });
    cpu.add(`serializeRows ${SERIALIZE_ROWS / 1000}k rows`, () => serializeRows(rows));
    cpu.add(`deserializeRows ${SERIALIZE_ROWS / 1000}k rows`, () => deserializeRows(serialized));
    await cpu.run();

    const blocks = await storageLevelBench(rows);
    const rpc = await rpcRoundTripBench();

    const [readTask, scanTask, shuffle200, shuffle2] = engine.tasks;
    const [serTask, deserTask] = cpu.tasks;
    return {
      inputRows,
      inputBytes,
      results: [
        resultOf(readTask, inputBytes / MB, 'MB/s'),
        resultOf(scanTask, inputBytes / MB, 'MB/s'),
        resultOf(shuffle200, inputRows, 'rows/s'),
        resultOf(shuffle2, inputRows, 'rows/s'),
        resultOf(serTask, serialized.length / MB, 'MB/s'),
        resultOf(deserTask, serialized.length / MB, 'MB/s'),
        ...blocks.tasks.map((t) => resultOf(t, BLOCK_ROWS, 'rows/s')),
        ...rpc.tasks.map((t) => resultOf(t, RPC_ASKS, 'asks/s')),
      ],
      skipped: [],
    };
  } finally {
    await spark.stop();
  }
}
