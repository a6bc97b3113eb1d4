import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeRows } from '../../src/serializer/row-serializer.js';
import { estimateSize } from '../../src/serializer/size-estimator.js';
import type { Row } from '../../src/sql/types.js';
import { BlockManager, EMPTY_BLOCK_STATUS, type BlockManagerOptions, type BlockStatus } from '../../src/storage/block-manager.js';
import { StorageLevel } from '../../src/storage/storage-level.js';

const root = mkdtempSync(join(tmpdir(), 'blockmanager-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirCount = 0;
function manager(memoryBytes: number, extra: Partial<BlockManagerOptions> = {}) {
  const updates: Array<[string, BlockStatus]> = [];
  const warnings: string[] = [];
  const localDir = join(root, `exec-${dirCount++}`);
  const bm = new BlockManager({
    executorId: '1',
    host: 'localhost',
    memoryBytes,
    localDir,
    onBlockUpdate: (id, status) => updates.push([id, status]),
    onWarning: (message) => warnings.push(message),
    ...extra,
  });
  return { bm, updates, warnings, localDir };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

/** Nine mixed columns, as a DataFrame row would have. */
function mixedRows(n: number, seed = 0): Row[] {
  return Array.from({ length: n }, (_, i) => [
    i + seed,
    (i + seed) * 1.25,
    `name-${i}`,
    i % 2 === 0,
    i % 5 === 0 ? null : `city-${i % 13}`,
    BigInt(i) + 2n ** 60n,
    1_700_000_000_000_000 + i,
    [i, i + 1],
    'Zürich',
  ]);
}

const ROWS = mixedRows(20);
const SIZE = estimateSize(ROWS);

describe('BlockManager', () => {
  it('evicts LRU blocks under a small budget: MEMORY_AND_DISK to disk, MEMORY_ONLY gone', () => {
    const { bm } = manager(3 * SIZE);
    const levels = [StorageLevel.MEMORY_AND_DISK, StorageLevel.MEMORY_ONLY, StorageLevel.MEMORY_AND_DISK, StorageLevel.MEMORY_ONLY, StorageLevel.MEMORY_ONLY];
    const results = levels.map((level, i) => bm.putRows(`rdd_${i + 1}_0`, mixedRows(20), level));
    expect(results.every((r) => r.stored)).toBe(true);
    expect(results[3].droppedBlocks.map((d) => d.blockId)).toEqual(['rdd_1_0']);
    expect(results[4].droppedBlocks.map((d) => d.blockId)).toEqual(['rdd_2_0']);

    expect(bm.memoryStore.blockIds()).toEqual(['rdd_3_0', 'rdd_4_0', 'rdd_5_0']);
    expect(bm.memoryUsed()).toBe(3 * SIZE);
    // The MEMORY_AND_DISK block went to disk; the MEMORY_ONLY one is gone.
    expect(bm.getStatus('rdd_1_0')).toEqual({ storageLevel: StorageLevel.DISK_ONLY, memSize: 0, diskSize: serializeRows(ROWS).length });
    expect(bm.getStatus('rdd_2_0')).toBeUndefined();
    expect(bm.getRows('rdd_2_0')).toBeUndefined();
    expect(results[4].droppedBlocks[0].status).toEqual(EMPTY_BLOCK_STATUS);
    expect(bm.blockIds().sort()).toEqual(['rdd_1_0', 'rdd_3_0', 'rdd_4_0', 'rdd_5_0']);
    expect(bm.diskUsed()).toBe(serializeRows(ROWS).length);
  });

  it('does not evict blocks of the same RDD to store another of its partitions', () => {
    const { bm, warnings } = manager(2 * SIZE);
    expect(bm.putRows('rdd_1_0', mixedRows(20), StorageLevel.MEMORY_ONLY).stored).toBe(true);
    expect(bm.putRows('rdd_1_1', mixedRows(20), StorageLevel.MEMORY_ONLY).stored).toBe(true);
    const third = bm.putRows('rdd_1_2', mixedRows(20), StorageLevel.MEMORY_ONLY);
    expect(third.stored).toBe(false);
    expect(third.droppedBlocks).toEqual([]);
    expect(bm.blockIds()).toEqual(['rdd_1_0', 'rdd_1_1']);
    expect(warnings).toEqual([third.warnings[0]]);
  });

  it('does not store a MEMORY_ONLY block too big for memory, and warns as Spark does', () => {
    const { bm, updates } = manager(SIZE - 1);
    const result = bm.putRows('rdd_4_2', mixedRows(20), StorageLevel.MEMORY_ONLY);
    expect(result).toEqual({
      stored: false,
      status: EMPTY_BLOCK_STATUS,
      droppedBlocks: [],
      warnings: [`MemoryStore: Not enough space to cache rdd_4_2 in memory! (computed ${(SIZE / 1024).toFixed(1)} KiB so far)`],
    });
    expect(bm.getRows('rdd_4_2')).toBeUndefined();
    expect(updates).toEqual([]);
  });

  it('puts a MEMORY_AND_DISK block too big for memory on disk', () => {
    const { bm, localDir } = manager(100);
    const result = bm.putRows('rdd_4_2', mixedRows(20), StorageLevel.MEMORY_AND_DISK);
    expect(result.stored).toBe(true);
    expect(result.status).toEqual({ storageLevel: StorageLevel.DISK_ONLY, memSize: 0, diskSize: serializeRows(ROWS).length });
    expect(result.warnings).toEqual([expect.stringMatching(/^MemoryStore: Not enough space to cache rdd_4_2 in memory!/), 'BlockManager: Persisting block rdd_4_2 to disk instead.']);
    expect(filesUnder(localDir)).toEqual(['rdd_4_2']);
    expect(bm.getRows('rdd_4_2')).toEqual(ROWS);
  });

  it('stores real bytes for _SER levels and round-trips rows exactly', () => {
    const { bm } = manager(1 << 20);
    const rows: Row[] = [[2n ** 63n - 1n, -(2n ** 53n) - 1n, 'ünïcødé', null, [1, [2n ** 60n]]], ...mixedRows(10)];
    const bytes = serializeRows(rows);
    const result = bm.putRows('rdd_2_0', rows, StorageLevel.MEMORY_ONLY_SER);
    expect(result.status).toEqual({ storageLevel: StorageLevel.MEMORY_ONLY_SER, memSize: bytes.length, diskSize: 0 });
    const entry = bm.memoryStore.peek('rdd_2_0');
    expect(entry?.kind).toBe('bytes');
    expect(bm.getBytes('rdd_2_0')).toEqual(bytes);
    const back = bm.getRows('rdd_2_0');
    expect(back).toEqual(rows);
    expect(back).not.toBe(rows);

    const ser2 = bm.putRows('rdd_3_0', rows, StorageLevel.MEMORY_AND_DISK_SER);
    expect(ser2.status.memSize).toBe(bytes.length);
    expect(ser2.status.storageLevel.deserialized).toBe(false);
  });

  it('writes DISK_ONLY blocks as files under localDir, deleted by remove and close', () => {
    const { bm, localDir } = manager(1 << 20);
    bm.putRows('rdd_1_0', mixedRows(5), StorageLevel.DISK_ONLY);
    bm.putRows('rdd_1_1', mixedRows(5), StorageLevel.DISK_ONLY);
    expect(bm.localDir.startsWith(localDir)).toBe(true);
    expect(filesUnder(localDir).sort()).toEqual(['rdd_1_0', 'rdd_1_1']);
    expect(bm.memoryUsed()).toBe(0);
    expect(bm.getRows('rdd_1_0')).toEqual(mixedRows(5));
    expect(bm.memoryUsed()).toBe(0); // DISK_ONLY is never cached back in memory
    expect(bm.remove('rdd_1_0')).toBe(true);
    expect(filesUnder(localDir)).toEqual(['rdd_1_1']);
    bm.close();
    expect(existsSync(bm.localDir)).toBe(false);
    expect(bm.blockIds()).toEqual([]);
  });

  it('keeps OFF_HEAP blocks in their own pool, and on disk when that pool is empty', () => {
    const { bm } = manager(10, { offHeapBytes: 1 << 20 });
    const bytes = serializeRows(ROWS);
    const result = bm.putRows('rdd_1_0', mixedRows(20), StorageLevel.OFF_HEAP);
    // Effective level: in (off-heap) memory, not on disk.
    expect(result.status).toEqual({ storageLevel: StorageLevel.of(false, true, true, false), memSize: bytes.length, diskSize: 0 });
    expect(result.status.storageLevel.toString()).toBe('StorageLevel(memory, offheap, 1 replicas)');
    expect(bm.memoryUsed('OFF_HEAP')).toBe(bytes.length);
    expect(bm.memoryUsed('ON_HEAP')).toBe(0);
    expect(bm.getRows('rdd_1_0')).toEqual(ROWS);

    const { bm: noOffHeap } = manager(1 << 20);
    const toDisk = noOffHeap.putRows('rdd_1_0', mixedRows(20), StorageLevel.OFF_HEAP);
    expect(toDisk.stored).toBe(true);
    expect(toDisk.status).toEqual({ storageLevel: StorageLevel.of(true, false, true, false), memSize: 0, diskSize: bytes.length });
    expect(noOffHeap.memoryUsed()).toBe(0);
  });

  it('reports every store, drop and remove as Spark reports block updates', () => {
    const { bm, updates } = manager(2 * SIZE);
    const diskSize = serializeRows(ROWS).length;
    bm.putRows('rdd_1_0', mixedRows(20), StorageLevel.MEMORY_AND_DISK);
    bm.putRows('rdd_2_0', mixedRows(20), StorageLevel.MEMORY_ONLY);
    bm.putRows('rdd_3_0', mixedRows(20), StorageLevel.MEMORY_ONLY); // evicts rdd_1_0 to disk
    bm.putRows('rdd_4_0', mixedRows(20), StorageLevel.MEMORY_ONLY); // evicts rdd_2_0: gone
    bm.remove('rdd_1_0');
    bm.remove('rdd_3_0');
    const memory = { storageLevel: StorageLevel.MEMORY_ONLY, memSize: SIZE, diskSize: 0 };
    expect(updates).toEqual([
      // A MEMORY_AND_DISK block held in memory only has the effective level MEMORY_ONLY.
      ['rdd_1_0', memory],
      ['rdd_2_0', memory],
      // Dropped to disk: the new level, with the memory it freed (Spark's droppedMemorySize).
      ['rdd_1_0', { storageLevel: StorageLevel.DISK_ONLY, memSize: SIZE, diskSize }],
      ['rdd_3_0', memory],
      ['rdd_2_0', { storageLevel: StorageLevel.NONE, memSize: SIZE, diskSize: 0 }],
      ['rdd_4_0', memory],
      // Removed: level NONE with the sizes it held (Spark 3's removeBlockInternal).
      ['rdd_1_0', { storageLevel: StorageLevel.NONE, memSize: 0, diskSize }],
      ['rdd_3_0', { storageLevel: StorageLevel.NONE, memSize: SIZE, diskSize: 0 }],
    ]);
  });

  it('removeRdd removes every block of the RDD', () => {
    const { bm, updates } = manager(1 << 20);
    for (let p = 0; p < 3; p++) bm.putRows(`rdd_7_${p}`, mixedRows(3), StorageLevel.MEMORY_AND_DISK_SER);
    bm.putRows('rdd_8_0', mixedRows(3), StorageLevel.DISK_ONLY);
    bm.putRows('rdd_70_0', mixedRows(3), StorageLevel.MEMORY_ONLY);
    expect(bm.removeRdd(7)).toBe(3);
    expect(bm.blockIds().sort()).toEqual(['rdd_70_0', 'rdd_8_0']);
    expect(updates.slice(-3).map(([id, s]) => [id, s.storageLevel])).toEqual([
      ['rdd_7_0', StorageLevel.NONE],
      ['rdd_7_1', StorageLevel.NONE],
      ['rdd_7_2', StorageLevel.NONE],
    ]);
    expect(bm.removeRdd(7)).toBe(0);
    expect(bm.removeRdd(8, false)).toBe(1);
    expect(updates.at(-1)?.[0]).toBe('rdd_7_2'); // tellMaster false: no report
  });

  it('puts a disk copy of a memory level back in memory when it is read and fits', () => {
    const { bm, updates } = manager(2 * SIZE);
    bm.putRows('rdd_1_0', mixedRows(20), StorageLevel.MEMORY_AND_DISK);
    bm.putRows('rdd_2_0', mixedRows(20), StorageLevel.MEMORY_AND_DISK);
    bm.putRows('rdd_3_0', mixedRows(20), StorageLevel.MEMORY_AND_DISK); // rdd_1_0 -> disk
    bm.remove('rdd_3_0');
    updates.length = 0;
    expect(bm.getRows('rdd_1_0')).toEqual(ROWS);
    const diskSize = serializeRows(ROWS).length;
    expect(bm.getStatus('rdd_1_0')).toEqual({ storageLevel: StorageLevel.MEMORY_AND_DISK, memSize: SIZE, diskSize });
    expect(updates).toEqual([['rdd_1_0', { storageLevel: StorageLevel.MEMORY_AND_DISK, memSize: SIZE, diskSize }]]);
  });

  it('receives blocks as bytes at any level', () => {
    const { bm } = manager(1 << 20);
    const bytes = serializeRows(ROWS);
    expect(bm.putBytes('rdd_1_0', bytes, StorageLevel.MEMORY_ONLY).status).toEqual({ storageLevel: StorageLevel.MEMORY_ONLY, memSize: SIZE, diskSize: 0 });
    expect(bm.getRows('rdd_1_0')).toEqual(ROWS);
    // A view into a larger frame is copied so the block owns exactly its bytes.
    const frame = Buffer.concat([Buffer.from('header'), bytes]);
    bm.putBytes('rdd_2_0', frame.subarray(6), StorageLevel.MEMORY_ONLY_SER);
    const held = bm.getBytes('rdd_2_0')!;
    expect(held).toEqual(bytes);
    expect(held.buffer.byteLength).toBe(bytes.length);
    bm.putBytes('rdd_3_0', bytes, StorageLevel.DISK_ONLY);
    expect(bm.getRows('rdd_3_0')).toEqual(ROWS);
    expect(bm.getBytes('rdd_3_0')).toEqual(bytes);
    // getBytes of a deserialized block serializes it.
    expect(bm.getBytes('rdd_1_0')).toEqual(bytes);
  });

  it('hands replicated blocks to the replication hook at replication 1', () => {
    const sent: Array<[string, number, StorageLevel]> = [];
    const { bm } = manager(1 << 20, { onReplicate: (id, bytes, level) => sent.push([id, bytes.length, level]) });
    bm.putRows('rdd_1_0', mixedRows(20), StorageLevel.MEMORY_ONLY_2);
    bm.putRows('rdd_1_1', mixedRows(20), StorageLevel.MEMORY_ONLY);
    bm.putRows('rdd_1_2', mixedRows(20), StorageLevel.DISK_ONLY_3);
    const length = serializeRows(ROWS).length;
    expect(sent).toEqual([
      ['rdd_1_0', length, StorageLevel.MEMORY_ONLY],
      ['rdd_1_2', length, StorageLevel.DISK_ONLY],
    ]);
  });

  it('does not re-add a block already present', () => {
    const { bm, updates } = manager(1 << 20);
    bm.putRows('rdd_1_0', mixedRows(20), StorageLevel.MEMORY_ONLY);
    const again = bm.putRows('rdd_1_0', mixedRows(3), StorageLevel.DISK_ONLY);
    expect(again.stored).toBe(true);
    expect(again.status.storageLevel).toBe(StorageLevel.MEMORY_ONLY);
    expect(again.warnings).toEqual(['BlockManager: Block rdd_1_0 already exists on this machine; not re-adding it']);
    expect(bm.getRows('rdd_1_0')).toEqual(ROWS);
    expect(updates).toHaveLength(1);
  });

  it('treats a block file deleted behind its back as lost', () => {
    const { bm, updates, warnings } = manager(1 << 20);
    bm.putRows('rdd_1_0', mixedRows(20), StorageLevel.DISK_ONLY);
    unlinkSync(bm.diskStore.fileFor('rdd_1_0'));
    expect(bm.getRows('rdd_1_0')).toBeUndefined();
    expect(bm.getStatus('rdd_1_0')).toBeUndefined();
    expect(updates.at(-1)).toEqual(['rdd_1_0', { storageLevel: StorageLevel.NONE, memSize: 0, diskSize: serializeRows(ROWS).length }]);
    expect(warnings).toEqual(['BlockManager: Block rdd_1_0 was lost from disk; removing it']);
  });

  it('refuses an invalid level', () => {
    const { bm } = manager(1 << 20);
    expect(() => bm.putRows('rdd_1_0', [], StorageLevel.NONE)).toThrow(/StorageLevel is invalid/);
  });
});
