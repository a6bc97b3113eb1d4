/**
 * Input listing and byte-range splits, after Spark's InMemoryFileIndex and FilePartition.
 *
 * Each split is its own partition: Spark's bin-packing of several small splits into one
 * partition is not done, so a directory of many tiny files gives many tiny tasks.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AnalysisException } from '../analysis-exception.js';

export interface FileSplit {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  readonly fileLength: number;
}

export interface InputFile {
  readonly path: string;
  readonly length: number;
}

export interface SplitConf {
  /** spark.sql.files.maxPartitionBytes; default 128 MiB. */
  readonly maxPartitionBytes?: number;
  /** spark.sql.files.openCostInBytes; default 4 MiB. */
  readonly openCostInBytes?: number;
  readonly defaultParallelism: number;
}

export const DEFAULT_MAX_PARTITION_BYTES = 128 * 1024 * 1024;
export const DEFAULT_OPEN_COST_IN_BYTES = 4 * 1024 * 1024;

/**
 * A missing input, or input the CSV source cannot read. Spark raises these as AnalysisException,
 * so this is one (and keeps that name in messages).
 */
export class CsvInputError extends AnalysisException {}

/** min(maxPartitionBytes, max(openCost, (bytes + openCost per file) / parallelism)), as Spark. */
export function maxSplitBytes(files: readonly InputFile[], conf: SplitConf): number {
  const maxPartitionBytes = conf.maxPartitionBytes ?? DEFAULT_MAX_PARTITION_BYTES;
  const openCost = conf.openCostInBytes ?? DEFAULT_OPEN_COST_IN_BYTES;
  if (!(maxPartitionBytes > 0)) throw new RangeError(`maxPartitionBytes must be positive, got ${maxPartitionBytes}`);
  if (!(conf.defaultParallelism >= 1)) throw new RangeError(`defaultParallelism must be at least 1, got ${conf.defaultParallelism}`);
  let total = 0;
  for (const f of files) total += f.length + openCost;
  const bytesPerCore = Math.floor(total / conf.defaultParallelism);
  return Math.max(1, Math.min(maxPartitionBytes, Math.max(openCost, bytesPerCore)));
}

/** Cuts every file into ranges of maxSplitBytes (the last one shorter), in file order; empty files give none. */
export function planFileSplits(files: readonly InputFile[], conf: SplitConf): FileSplit[] {
  const size = maxSplitBytes(files, conf);
  const splits: FileSplit[] = [];
  for (const f of files) {
    for (let start = 0; start < f.length; start += size) {
      splits.push({ path: f.path, start, length: Math.min(size, f.length - start), fileLength: f.length });
    }
  }
  return splits;
}

/**
 * A file, or the files directly inside a directory, skipping names Spark treats as hidden
 * (leading `_` or `.`, and in-flight `._COPYING_` uploads), sorted by path. Subdirectories are
 * not descended into (no partition discovery).
 */
export function listInputFiles(path: string): InputFile[] {
  const abs = resolve(path.startsWith('file://') ? path.slice('file://'.length) : path.startsWith('file:') ? path.slice('file:'.length) : path);
  const st = statSync(abs, { throwIfNoEntry: false });
  if (st === undefined) throw new CsvInputError(`Path does not exist: file:${abs}`);
  if (st.isFile()) return [{ path: abs, length: st.size }];
  if (!st.isDirectory()) throw new CsvInputError(`Path is neither a file nor a directory: file:${abs}`);
  const files: InputFile[] = [];
  for (const name of readdirSync(abs).sort()) {
    if (name.startsWith('_') || name.startsWith('.') || name.endsWith('._COPYING_')) continue;
    const child = join(abs, name);
    const cst = statSync(child, { throwIfNoEntry: false });
    if (cst?.isFile()) files.push({ path: child, length: cst.size });
  }
  return files;
}
