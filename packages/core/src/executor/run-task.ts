import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { serializeRows } from '../serializer/index.js';
import type { Row } from '../sql/types.js';
import { computePartition, runShuffleMap } from '../rdd/compute.js';
import { checkpointFile } from '../rdd/checkpoint-files.js';
import { emptyMetrics, type ResultAction, type TaskDescription, type TaskOutcome } from '../scheduler/task.js';
import { FetchFailedError, type TaskContext, type TaskEnv } from './task-context.js';
import { writeRowHash } from './row-hash.js';
import { inferSplitTypes, parseCsvOptions } from '../sql/csv/index.js';

/** The value a summary task returns: the first rows, the row count and one 8-byte hash per row. */
export interface PartitionSummary {
  readonly head: Row[];
  readonly count: number;
  readonly hashes: Uint8Array;
}

/** Runs one task to its outcome; never throws (Spark's Executor.TaskRunner turns every error into a reason). */
export async function runTask(task: TaskDescription, env: TaskEnv): Promise<TaskOutcome> {
  const ctx: TaskContext = { task, env, metrics: emptyMetrics(), updatedBlocks: [], warnings: [] };
  const started = performance.now();
  try {
    let value: unknown;
    if (task.kind === 'shuffleMap') {
      if (task.shuffleDep === undefined) throw new Error(`shuffle map task ${task.taskId} has no shuffle dependency`);
      value = await runShuffleMap(task.shuffleDep, task.partition, ctx);
      ctx.metrics.resultSize = 64;
    } else {
      value = await runAction(task.action ?? { kind: 'collect' }, ctx);
    }
    ctx.metrics.executorRunTime = Math.round(performance.now() - started);
    // The kernel's peak resident size of this executor process so far (Spark's ProcessTreeJVMRSSMemory is a peak too).
    ctx.metrics.processRss = process.resourceUsage().maxRSS * 1024;
    return { status: 'success', value, metrics: ctx.metrics, updatedBlocks: ctx.updatedBlocks, warnings: ctx.warnings };
  } catch (err) {
    ctx.metrics.executorRunTime = Math.round(performance.now() - started);
    if (err instanceof FetchFailedError) {
      return {
        status: 'fetchFailed',
        executorId: err.status.executorId,
        host: err.status.host,
        shuffleId: err.status.shuffleId,
        mapId: err.status.mapId,
        mapIndex: err.status.mapIndex,
        reduceId: err.reduceId,
        message: err.message,
        metrics: ctx.metrics,
      };
    }
    const e = err instanceof Error ? err : new Error(String(err));
    const className = e.name === 'Error' ? 'java.lang.RuntimeException' : e.name;
    return { status: 'exception', className, message: e.message, stack: e.stack ?? '', metrics: ctx.metrics, userError: isUserError(e) };
  }
}

/** Errors that retrying cannot fix: bad input under FAILFAST, a missing file. */
function isUserError(e: Error): boolean {
  return e.name === 'MalformedCsvError' || e.name === 'CsvInputError' || e.name === 'AnalysisException';
}

async function runAction(action: ResultAction, ctx: TaskContext): Promise<unknown> {
  const { rddId, partition } = ctx.task;
  switch (action.kind) {
    case 'count': {
      let n = 0;
      await computePartition(rddId, partition, ctx, () => {
        n++;
      });
      ctx.metrics.resultSize = 8;
      return n;
    }
    case 'collect': {
      const rows: Row[] = [];
      await computePartition(rddId, partition, ctx, (row) => rows.push(row));
      ctx.metrics.resultSize = serializeRows(rows).length;
      return rows;
    }
    case 'summary': {
      const head: Row[] = [];
      let hashes = Buffer.allocUnsafe(8 * 1024);
      let count = 0;
      await computePartition(rddId, partition, ctx, (row) => {
        if (head.length < action.limit) head.push(row);
        if ((count + 1) * 8 > hashes.length) {
          const bigger = Buffer.allocUnsafe(hashes.length * 2);
          hashes.copy(bigger);
          hashes = bigger;
        }
        writeRowHash(row, hashes, count * 8);
        count++;
      });
      const summary: PartitionSummary = { head, count, hashes: hashes.subarray(0, count * 8) };
      ctx.metrics.resultSize = serializeRows(head).length + count * 8;
      return summary;
    }
    case 'inferCsvSchema': {
      const op = ctx.task.lineage[rddId]?.op;
      if (op?.kind !== 'csvScan') throw new Error('schema inference needs a CSV scan');
      ctx.metrics.inputBytes += op.splits[partition].length;
      return inferSplitTypes(op.splits[partition], action.numColumns, parseCsvOptions(op.options));
    }
    case 'checkpoint': {
      const rows: Row[] = [];
      await computePartition(rddId, partition, ctx, (row) => rows.push(row));
      const file = checkpointFile(action.dir, partition);
      mkdirSync(dirname(file), { recursive: true });
      // Written under a temporary name and renamed, so a half-written partition is never read.
      writeFileSync(`${file}.tmp-${ctx.task.taskId}`, serializeRows(rows));
      renameSync(`${file}.tmp-${ctx.task.taskId}`, file);
      ctx.metrics.resultSize = 8;
      return rows.length;
    }
  }
}
