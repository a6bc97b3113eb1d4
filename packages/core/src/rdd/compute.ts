import { readFileSync } from 'node:fs';
import { deserializeRows, serializeRows } from '../serializer/index.js';
import { compile, compilePredicate, type Evaluator } from '../sql/evaluate.js';
import { coerceLiteral } from '../sql/literal-coercion.js';
import type { Row, Value } from '../sql/types.js';
import { aggregateImpl, type AggregateImpl } from '../sql/aggregates.js';
import { parseCsvOptions, scanSplit } from '../sql/csv/index.js';
import { keyString, partitionOf } from '../shuffle/partitioner.js';
import { writeShuffleFiles } from '../shuffle/shuffle-files.js';
import type { MapStatus } from '../shuffle/map-status.js';
import { FetchFailedError, type RowSink, type TaskContext } from '../executor/task-context.js';
import type { AggregateCall, PipelineStep, RDD, ShuffleDependency } from './rdd.js';
import { rddBlockId } from '../storage/block-id.js';
import { checkpointFile } from './checkpoint-files.js';
import { columnsOf } from '../sql/expressions.js';

/** Pushes every row of one partition of `rddId` into `sink`, reading the cache before computing. */
export async function computePartition(rddId: number, partition: number, ctx: TaskContext, sink: RowSink): Promise<void> {
  const rdd = lineageRdd(ctx, rddId);
  if (rdd.checkpoint?.kind === 'reliable') {
    for (const row of deserializeRows(readFileSync(checkpointFile(rdd.checkpoint.dir!, partition)))) sink(row);
    return;
  }
  if (rdd.storageLevel === 'NONE') return computeUncached(rdd, partition, ctx, sink);

  const blockId = rddBlockId(rdd.id, partition);
  const cached = await ctx.env.getBlock(blockId, ctx.task.blockLocations[blockId] ?? []);
  if (cached !== undefined) {
    if (cached.remote) ctx.metrics.cacheRemoteHits++;
    else ctx.metrics.cacheLocalHits++;
    // As Spark's getOrCompute: a partition read from the cache is the task's input.
    ctx.metrics.inputBytes += cached.bytes;
    ctx.metrics.inputRecords += cached.rows.length;
    for (const row of cached.rows) sink(row);
    return;
  }
  if (rdd.checkpoint?.kind === 'local') {
    throw new Error(
      `Checkpoint block ${blockId} not found! Either the executor that originally checkpointed this partition is no longer alive, or the original RDD is unpersisted.`,
    );
  }
  ctx.metrics.cacheMisses++;
  const rows: Row[] = [];
  await computeUncached(rdd, partition, ctx, (row) => rows.push(row));
  const stored = await ctx.env.putBlock(blockId, rows, rdd.storageLevel);
  // A put that found no room kept nothing: like Spark, report no status for it (no BlockUpdated event).
  if (stored.useMemory || stored.useDisk) ctx.updatedBlocks.push(stored);
  for (const row of rows) sink(row);
}

function lineageRdd(ctx: TaskContext, rddId: number): RDD {
  const rdd = ctx.task.lineage[rddId];
  if (rdd === undefined) throw new Error(`RDD ${rddId} is missing from the lineage of task ${ctx.task.taskId}`);
  return rdd;
}

async function computeUncached(rdd: RDD, partition: number, ctx: TaskContext, sink: RowSink): Promise<void> {
  const op = rdd.op;
  switch (op.kind) {
    case 'csvScan': {
      const split = op.splits[partition];
      const stats = { recordsRead: 0, bytesRead: 0, malformed: 0 };
      const pushed = op.pushedFilter === undefined ? null : { columns: [...columnsOf(op.pushedFilter, new Set<number>())], test: compilePredicate(op.pushedFilter, coerceLiteral) };
      scanSplit(split, rdd.schema, parseCsvOptions(op.options), op.required, sink, stats, pushed);
      ctx.metrics.inputBytes += stats.bytesRead;
      ctx.metrics.inputRecords += stats.recordsRead;
      ctx.metrics.malformedRecords += stats.malformed;
      return;
    }
    case 'parallelize':
      for (const row of op.slices[partition]) sink(row);
      return;
    case 'pipeline': {
      const parent = rdd.deps[0];
      if (parent?.type !== 'narrow') throw new Error(`pipeline RDD ${rdd.id} needs a narrow parent`);
      return computePartition(parent.rddId, partition, ctx, pipelineSink(op.steps, sink));
    }
    case 'shuffled': {
      const dep = rdd.deps[0];
      if (dep?.type !== 'shuffle') throw new Error(`shuffled RDD ${rdd.id} needs a shuffle dependency`);
      return readShuffle(dep.shuffle, partition, ctx, sink);
    }
  }
}

/** Fuses a chain of filters and projections into one sink, as Spark's whole-stage codegen fuses operators. */
function pipelineSink(steps: readonly PipelineStep[], sink: RowSink): RowSink {
  let out = sink;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    const next = out;
    if (step.kind === 'filter') {
      const keep = compilePredicate(step.condition, coerceLiteral);
      out = (row) => {
        if (keep(row)) next(row);
      };
    } else {
      const evals: Evaluator[] = step.exprs.map((e) => compile(e, coerceLiteral));
      out = (row) => {
        const o: Row = new Array(evals.length);
        for (let j = 0; j < evals.length; j++) o[j] = evals[j](row);
        next(o);
      };
    }
  }
  return out;
}

interface AggregatePlan {
  readonly keys: readonly Evaluator[];
  readonly inputs: readonly (Evaluator | null)[];
  readonly impls: readonly AggregateImpl[];
}

function aggregatePlan(dep: ShuffleDependency, calls: readonly AggregateCall[]): AggregatePlan {
  return {
    keys: dep.keys.map((k) => compile(k, coerceLiteral)),
    inputs: calls.map((c) => (c.input === null ? null : compile(c.input, coerceLiteral))),
    impls: calls.map((c) => aggregateImpl(c.fn, c.inputIsDouble, c.input === null)),
  };
}

interface Group {
  readonly key: Value[];
  readonly buffers: unknown[];
}

/** Runs a shuffle map task: computes the parent partition and writes one slice per reduce partition. */
export async function runShuffleMap(dep: ShuffleDependency, partition: number, ctx: TaskContext): Promise<MapStatus> {
  const n = dep.numPartitions;
  const buckets: Row[][] = Array.from({ length: n }, () => []);
  if (dep.aggregate !== undefined) {
    // Map-side combine: one buffer per distinct key in this partition.
    const plan = aggregatePlan(dep, dep.aggregate);
    const groups = new Map<string, Group>();
    const key: Value[] = new Array(plan.keys.length);
    await computePartition(dep.parentRddId, partition, ctx, (row) => {
      for (let i = 0; i < key.length; i++) key[i] = plan.keys[i](row);
      const ks = keyString(key);
      let g = groups.get(ks);
      if (g === undefined) {
        g = { key: key.slice(), buffers: plan.impls.map((a) => a.init()) };
        groups.set(ks, g);
      }
      for (let i = 0; i < plan.impls.length; i++) {
        const input = plan.inputs[i];
        g.buffers[i] = plan.impls[i].update(g.buffers[i], input === null ? 1 : input(row));
      }
    });
    for (const [ks, g] of groups) {
      const out: Row = g.key.slice();
      for (let i = 0; i < plan.impls.length; i++) out.push(plan.impls[i].toWire(g.buffers[i]) as Value);
      buckets[partitionOf(ks, n)].push(out);
    }
  } else if (dep.keys.length > 0) {
    const keys = dep.keys.map((k) => compile(k, coerceLiteral));
    const key: Value[] = new Array(keys.length);
    await computePartition(dep.parentRddId, partition, ctx, (row) => {
      for (let i = 0; i < key.length; i++) key[i] = keys[i](row);
      buckets[partitionOf(keyString(key), n)].push(row);
    });
  } else {
    // repartition(n): round-robin from a start position that depends on the map partition, as Spark does.
    let next = partition % n;
    await computePartition(dep.parentRddId, partition, ctx, (row) => {
      buckets[next].push(row);
      next = next + 1 === n ? 0 : next + 1;
    });
  }
  const started = performance.now();
  const slices = buckets.map((rows) => serializeRows(rows));
  const sizes = writeShuffleFiles(ctx.env.shuffleDir, dep.shuffleId, ctx.task.taskId, slices);
  ctx.metrics.shuffleWriteTime += Math.round((performance.now() - started) * 1e6);
  ctx.metrics.shuffleWriteBytes += sizes.reduce((a, b) => a + b, 0);
  ctx.metrics.shuffleWriteRecords += buckets.reduce((a, b) => a + b.length, 0);
  return { shuffleId: dep.shuffleId, mapId: ctx.task.taskId, mapIndex: partition, executorId: ctx.env.executorId, host: ctx.env.host, sizes };
}

async function fetchAll(dep: ShuffleDependency, reduceId: number, ctx: TaskContext): Promise<Row[][]> {
  const statuses = ctx.task.mapStatuses[dep.shuffleId];
  if (statuses === undefined) throw new Error(`no map outputs for shuffle ${dep.shuffleId} in task ${ctx.task.taskId}`);
  const started = performance.now();
  const out: Row[][] = [];
  for (let mapIndex = 0; mapIndex < statuses.length; mapIndex++) {
    const status = statuses[mapIndex];
    if (status === null) {
      // Spark's MetadataFetchFailedException: the map output's location is unknown (its executor was lost).
      const unknown: MapStatus = { shuffleId: dep.shuffleId, mapId: -1, mapIndex, executorId: '', host: '', sizes: [] };
      throw new FetchFailedError(unknown, reduceId, `Missing an output location for shuffle ${dep.shuffleId} partition ${reduceId}`);
    }
    if (status.sizes[reduceId] === 0) continue;
    let bytes: Uint8Array;
    try {
      bytes = await ctx.env.fetchShuffleBlock(status, reduceId);
    } catch (err) {
      if (err instanceof FetchFailedError) throw err;
      throw new FetchFailedError(status, reduceId, err instanceof Error ? err.message : String(err));
    }
    const local = status.executorId === ctx.env.executorId;
    if (local) {
      ctx.metrics.shuffleReadLocalBlocks++;
      ctx.metrics.shuffleReadLocalBytes += bytes.length;
    } else {
      ctx.metrics.shuffleReadRemoteBlocks++;
      ctx.metrics.shuffleReadRemoteBytes += bytes.length;
    }
    out.push(deserializeRows(bytes));
  }
  ctx.metrics.shuffleFetchWaitTime += Math.round(performance.now() - started);
  return out;
}

async function readShuffle(dep: ShuffleDependency, reduceId: number, ctx: TaskContext, sink: RowSink): Promise<void> {
  const blocks = await fetchAll(dep, reduceId, ctx);
  for (const rows of blocks) ctx.metrics.shuffleReadRecords += rows.length;
  if (dep.aggregate === undefined) {
    for (const rows of blocks) for (const row of rows) sink(row);
    return;
  }
  const impls = dep.aggregate.map((c) => aggregateImpl(c.fn, c.inputIsDouble, c.input === null));
  const k = dep.keys.length;
  const groups = new Map<string, Group>();
  for (const rows of blocks) {
    for (const row of rows) {
      const key = row.slice(0, k);
      const ks = keyString(key);
      const g = groups.get(ks);
      if (g === undefined) {
        groups.set(ks, { key, buffers: impls.map((a, i) => a.fromWire(row[k + i])) });
      } else {
        for (let i = 0; i < impls.length; i++) g.buffers[i] = impls[i].merge(g.buffers[i], impls[i].fromWire(row[k + i]));
      }
    }
  }
  for (const g of groups.values()) {
    const out: Row = g.key;
    for (let i = 0; i < impls.length; i++) out.push(impls[i].finish(g.buffers[i]));
    sink(out);
  }
}
