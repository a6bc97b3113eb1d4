import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisException } from '../../src/sql/analysis-exception.js';
import {
  CsvInputError,
  DEFAULT_MAX_PARTITION_BYTES,
  DEFAULT_OPEN_COST_IN_BYTES,
  listInputFiles,
  maxSplitBytes,
  planFileSplits,
} from '../../src/sql/csv/splits.js';
import { TempDir, prng } from './csv-test-kit.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const MiB = 1024 * 1024;

describe('maxSplitBytes', () => {
  it("follows Spark's min(maxPartitionBytes, max(openCost, bytesPerCore))", () => {
    const files = [{ path: '/a', length: 100 * MiB }];
    // (100 MiB + 4 MiB) / 2 = 52 MiB
    expect(maxSplitBytes(files, { defaultParallelism: 2 })).toBe(52 * MiB);
    // capped by maxPartitionBytes
    expect(maxSplitBytes([{ path: '/a', length: 1024 * MiB }], { defaultParallelism: 1 })).toBe(DEFAULT_MAX_PARTITION_BYTES);
    // at least openCostInBytes
    expect(maxSplitBytes([{ path: '/a', length: 1000 }], { defaultParallelism: 64 })).toBe(DEFAULT_OPEN_COST_IN_BYTES);
    expect(maxSplitBytes(files, { maxPartitionBytes: 10 * MiB, openCostInBytes: MiB, defaultParallelism: 4 })).toBe(10 * MiB);
  });
});

describe('planFileSplits', () => {
  it('cuts each file into maxSplitBytes ranges, the last shorter, and skips empty files', () => {
    const files = [
      { path: '/a', length: 25 },
      { path: '/b', length: 0 },
      { path: '/c', length: 7 },
    ];
    const splits = planFileSplits(files, { maxPartitionBytes: 10, openCostInBytes: 1, defaultParallelism: 1 });
    expect(splits).toEqual([
      { path: '/a', start: 0, length: 10, fileLength: 25 },
      { path: '/a', start: 10, length: 10, fileLength: 25 },
      { path: '/a', start: 20, length: 5, fileLength: 25 },
      { path: '/c', start: 0, length: 7, fileLength: 7 },
    ]);
  });

  it('covers every byte of every file exactly once, for random sizes and settings', () => {
    const rand = prng(7);
    for (let trial = 0; trial < 200; trial++) {
      const files = Array.from({ length: 1 + Math.floor(rand() * 5) }, (_, i) => ({ path: `/f${i}`, length: Math.floor(rand() * 5000) }));
      const conf = { maxPartitionBytes: 1 + Math.floor(rand() * 2000), openCostInBytes: Math.floor(rand() * 300), defaultParallelism: 1 + Math.floor(rand() * 16) };
      const size = maxSplitBytes(files, conf);
      const splits = planFileSplits(files, conf);
      for (const f of files) {
        const own = splits.filter((s) => s.path === f.path);
        expect(own.reduce((sum, s) => sum + s.length, 0)).toBe(f.length);
        let next = 0;
        for (const s of own) {
          expect(s.start).toBe(next);
          expect(s.length).toBeGreaterThan(0);
          expect(s.length).toBeLessThanOrEqual(size);
          expect(s.fileLength).toBe(f.length);
          next += s.length;
        }
        // Only the last split of a file may be shorter than maxSplitBytes.
        expect(own.slice(0, -1).every((s) => s.length === size)).toBe(true);
      }
    }
  });
});

describe('listInputFiles', () => {
  it('lists a single file with its length', () => {
    const path = tmp.file('a,b\n1,2\n', 'single.csv');
    expect(listInputFiles(path)).toEqual([{ path, length: 8 }]);
  });

  it('lists the visible files of a directory, sorted, skipping _ and . names and subdirectories', () => {
    const dir = join(tmp.dir, 'table');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    tmp.file('x\n', 'table/part-00001.csv');
    tmp.file('yy\n', 'table/part-00000.csv');
    tmp.file('', 'table/_SUCCESS');
    tmp.file('z\n', 'table/.part-00000.csv.crc');
    tmp.file('w\n', 'table/nested/part-9.csv');
    expect(listInputFiles(dir)).toEqual([
      { path: join(dir, 'part-00000.csv'), length: 3 },
      { path: join(dir, 'part-00001.csv'), length: 2 },
    ]);
  });

  it('resolves relative paths and file: URIs', () => {
    const path = tmp.file('1\n', 'rel.csv');
    expect(listInputFiles(relative(process.cwd(), path))).toEqual([{ path, length: 2 }]);
    expect(listInputFiles(`file://${path}`)).toEqual([{ path, length: 2 }]);
  });

  it("reports a missing path with Spark's message", () => {
    const missing = join(tmp.dir, 'no', 'such.csv');
    expect(() => listInputFiles(missing)).toThrow(CsvInputError);
    expect(() => listInputFiles(missing)).toThrow(AnalysisException);
    expect(() => listInputFiles(missing)).toThrow(`Path does not exist: file:${missing}`);
  });
});
