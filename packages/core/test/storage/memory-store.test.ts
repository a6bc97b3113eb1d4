import { describe, expect, it } from 'vitest';
import { MemoryStore, type MemoryEntry } from '../../src/storage/memory-store.js';

const values = (size: number): MemoryEntry => ({ kind: 'values', rows: [], size, mode: 'ON_HEAP' });
const offHeap = (size: number): MemoryEntry => ({ kind: 'bytes', bytes: Buffer.alloc(size), size, mode: 'OFF_HEAP' });

describe('MemoryStore', () => {
  it('evicts least-recently-used blocks to make room and hands them back', () => {
    const store = new MemoryStore(300);
    for (let i = 0; i < 3; i++) expect(store.put(`rdd_${i}_0`, values(100)).stored).toBe(true);
    store.get('rdd_0_0'); // now most recently used: rdd_1_0 is the oldest
    const result = store.put('rdd_9_0', values(150));
    expect(result.stored).toBe(true);
    expect(result.evicted.map((e) => e.blockId)).toEqual(['rdd_1_0', 'rdd_2_0']);
    expect(result.evicted[0].entry.size).toBe(100);
    expect(store.blockIds()).toEqual(['rdd_0_0', 'rdd_9_0']);
    expect(store.usedBytes()).toBe(250);
  });

  it('never evicts blocks of the RDD being stored', () => {
    const store = new MemoryStore(300);
    store.put('rdd_1_0', values(100));
    store.put('rdd_1_1', values(100));
    store.put('rdd_2_0', values(100));
    const result = store.put('rdd_1_2', values(100));
    expect(result.evicted.map((e) => e.blockId)).toEqual(['rdd_2_0']);
    // Only rdd_1 blocks left: another rdd_1 partition cannot displace them.
    expect(store.put('rdd_1_3', values(100))).toEqual({ stored: false, evicted: [] });
    expect(store.blockIds()).toEqual(['rdd_1_0', 'rdd_1_1', 'rdd_1_2']);
    // A block of another RDD (or a non-RDD block) may evict them.
    expect(store.put('broadcast_0', values(100)).evicted.map((e) => e.blockId)).toEqual(['rdd_1_0']);
  });

  it('evicts nothing when even evicting every eligible block would not make room', () => {
    const store = new MemoryStore(300);
    store.put('rdd_1_0', values(100));
    store.put('rdd_2_0', values(100));
    store.put('rdd_2_1', values(100));
    // Needs 250 free: only rdd_1_0 (100) is evictable for an rdd_2 block.
    expect(store.put('rdd_2_2', values(250))).toEqual({ stored: false, evicted: [] });
    expect(store.blockIds()).toEqual(['rdd_1_0', 'rdd_2_0', 'rdd_2_1']);
    // Larger than the whole pool: refused at once.
    expect(store.put('rdd_3_0', values(301)).stored).toBe(false);
    expect(store.usedBytes()).toBe(300);
  });

  it('keeps separate on-heap and off-heap budgets and evicts within one pool only', () => {
    const store = new MemoryStore(100, 200);
    store.put('rdd_1_0', values(100));
    store.put('rdd_2_0', offHeap(150));
    expect(store.usedBytes('ON_HEAP')).toBe(100);
    expect(store.usedBytes('OFF_HEAP')).toBe(150);
    const result = store.put('rdd_3_0', offHeap(100));
    expect(result.evicted.map((e) => e.blockId)).toEqual(['rdd_2_0']);
    expect(store.contains('rdd_1_0')).toBe(true);
    expect(store.maxBytes('OFF_HEAP')).toBe(200);
    expect(store.maxBytes()).toBe(300);
    expect(new MemoryStore(100).put('rdd_1_0', offHeap(1)).stored).toBe(false);
  });

  it('peek leaves the LRU order alone; remove and clear release bytes', () => {
    const store = new MemoryStore(1000);
    store.put('a', values(10));
    store.put('b', values(20));
    store.peek('a');
    expect(store.blockIds()).toEqual(['a', 'b']);
    store.get('a');
    expect(store.blockIds()).toEqual(['b', 'a']);
    expect(store.remove('a')).toBe(true);
    expect(store.remove('a')).toBe(false);
    expect(store.usedBytes()).toBe(20);
    expect(() => store.put('b', values(1))).toThrow('Block b is already present in the MemoryStore');
    store.clear();
    expect(store.usedBytes()).toBe(0);
    expect(store.blockIds()).toEqual([]);
  });
});
