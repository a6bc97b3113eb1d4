/** Temp files, a seeded PRNG and whole-file scans shared by the CSV tests. */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvOptions } from '../../src/sql/csv/options.js';
import { scanSplit, type ScanStats } from '../../src/sql/csv/scan.js';
import type { FileSplit } from '../../src/sql/csv/splits.js';
import { field, type AtomicType, type Row, type Schema } from '../../src/sql/types.js';

export class TempDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'sparkbench-csv-'));
  private count = 0;

  file(content: string | Uint8Array, name = `f${this.count++}.csv`): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** mulberry32: small, seeded, good enough to drive property tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function schemaOf(types: Record<string, AtomicType>): Schema {
  return Object.entries(types).map(([name, type]) => field(name, type));
}

export function stringSchema(width: number): Schema {
  return Array.from({ length: width }, (_, i) => field(`c${i}`, 'string'));
}

export function newStats(): ScanStats {
  return { recordsRead: 0, bytesRead: 0, malformed: 0 };
}

/** Splits of `splitBytes` each (the whole file when omitted). */
export function splitsOf(path: string, splitBytes?: number): FileSplit[] {
  const size = statSync(path).size;
  const step = splitBytes ?? Math.max(size, 1);
  const splits: FileSplit[] = [];
  for (let start = 0; start < size; start += step) splits.push({ path, start, length: Math.min(step, size - start), fileLength: size });
  return splits;
}

export interface ScanResult {
  rows: Row[];
  stats: ScanStats;
}

export function scanFile(
  path: string,
  schema: Schema,
  rawOptions: Record<string, string> = {},
  opts: { required?: readonly number[] | null; splitBytes?: number } = {},
): ScanResult {
  const options = parseCsvOptions(rawOptions);
  const rows: Row[] = [];
  const stats = newStats();
  for (const split of splitsOf(path, opts.splitBytes)) scanSplit(split, schema, options, opts.required ?? null, (row) => rows.push(row), stats);
  return { rows, stats };
}
