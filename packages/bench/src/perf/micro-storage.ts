import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlockManager, StorageLevel, type Row } from '@sparkbench/core';
import { Bench } from 'tinybench';

/** Rows of one cached partition in the block-store benchmark. */
export const BLOCK_ROWS = 20_000;

/**
 * put + get of one partition at every storage level, on a block manager of its own (memory big enough
 * that nothing is evicted): what each level costs to fill and to read back, as a task would.
 */
export async function storageLevelBench(rows: readonly Row[]): Promise<Bench> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkbench-micro-blocks-'));
  const bench = new Bench({ name: 'block store', iterations: 15, time: 0, warmupIterations: 3, warmupTime: 0, throws: true });
  const part = rows.slice(0, BLOCK_ROWS) as Row[];
  try {
    for (const name of StorageLevel.ALL_NAMES.filter((n) => n !== 'NONE')) {
      const level = StorageLevel.fromString(name);
      const bm = new BlockManager({ executorId: `bench-${name}`, host: 'localhost', memoryBytes: 512 * 1024 * 1024, offHeapBytes: 512 * 1024 * 1024, localDir: dir });
      let i = 0;
      bench.add(`block ${name}: put + get ${BLOCK_ROWS / 1000}k rows`, () => {
        const id = `rdd_0_${i++}`;
        bm.putRows(id, part, level);
        if (bm.getRows(id)?.length !== part.length) throw new Error(`block ${id} at ${name} did not read back`);
        bm.remove(id, false);
      });
    }
    await bench.run();
    return bench;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
