import type { Row } from '../sql/types.js';
import { rddIdOf } from './block-id.js';
import type { MemoryMode } from './storage-level.js';

/**
 * A block held in memory. Deserialized rows always count against the on-heap pool (they are V8
 * objects); serialized bytes count against the pool their level asks for. Node Buffers live outside the
 * V8 heap, which makes them an honest stand-in for Spark's off-heap pages.
 */
export type MemoryEntry =
  | { readonly kind: 'values'; readonly rows: Row[]; readonly size: number; readonly mode: 'ON_HEAP' }
  | { readonly kind: 'bytes'; readonly bytes: Buffer; readonly size: number; readonly mode: MemoryMode };

export interface EvictedBlock {
  readonly blockId: string;
  readonly entry: MemoryEntry;
}

/** Either stored (having evicted `evicted` to make room), or not stored with nothing evicted. */
export type MemoryPutResult = { readonly stored: true; readonly evicted: readonly EvictedBlock[] } | { readonly stored: false; readonly evicted: readonly [] };

/**
 * Spark's MemoryStore for one executor: blocks in LRU order with a byte budget per memory mode.
 *
 * `put` makes room by evicting least-recently-used blocks of the same mode, skipping blocks of the RDD
 * being stored (replacing a partition with a sibling partition just cycles them). It first checks that
 * the evictable blocks free enough; if not, nothing is evicted and the put fails. Evicted entries are
 * handed back so the caller (the BlockManager) can drop them to disk when their level allows.
 */
export class MemoryStore {
  // Map iteration is insertion order; re-inserting on access turns it into least-recently-used first.
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly used: Record<MemoryMode, number> = { ON_HEAP: 0, OFF_HEAP: 0 };
  private readonly max: Record<MemoryMode, number>;

  constructor(maxOnHeapBytes: number, maxOffHeapBytes = 0) {
    this.max = { ON_HEAP: maxOnHeapBytes, OFF_HEAP: maxOffHeapBytes };
  }

  put(blockId: string, entry: MemoryEntry): MemoryPutResult {
    if (this.entries.has(blockId)) throw new Error(`Block ${blockId} is already present in the MemoryStore`);
    const victims = this.victimsFor(blockId, entry.size, entry.mode);
    if (victims === undefined) return { stored: false, evicted: [] };
    const evicted: EvictedBlock[] = [];
    for (const victim of victims) {
      const dropped = this.entries.get(victim)!;
      this.remove(victim);
      evicted.push({ blockId: victim, entry: dropped });
    }
    this.entries.set(blockId, entry);
    this.used[entry.mode] += entry.size;
    return { stored: true, evicted };
  }

  /** The entry, marked as most recently used. */
  get(blockId: string): MemoryEntry | undefined {
    const entry = this.entries.get(blockId);
    if (entry !== undefined) {
      this.entries.delete(blockId);
      this.entries.set(blockId, entry);
    }
    return entry;
  }

  /** The entry without touching the LRU order. */
  peek(blockId: string): MemoryEntry | undefined {
    return this.entries.get(blockId);
  }

  contains(blockId: string): boolean {
    return this.entries.has(blockId);
  }

  remove(blockId: string): boolean {
    const entry = this.entries.get(blockId);
    if (entry === undefined) return false;
    this.entries.delete(blockId);
    this.used[entry.mode] -= entry.size;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.used.ON_HEAP = 0;
    this.used.OFF_HEAP = 0;
  }

  /** Bytes held in one pool, or in both when no mode is given. */
  usedBytes(mode?: MemoryMode): number {
    return mode === undefined ? this.used.ON_HEAP + this.used.OFF_HEAP : this.used[mode];
  }

  maxBytes(mode?: MemoryMode): number {
    return mode === undefined ? this.max.ON_HEAP + this.max.OFF_HEAP : this.max[mode];
  }

  /** Block ids from least to most recently used. */
  blockIds(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * The blocks to evict so `size` more bytes fit in `mode`'s pool ([] when they fit already), or
   * undefined when even evicting every eligible block would not make room.
   */
  private victimsFor(blockId: string, size: number, mode: MemoryMode): string[] | undefined {
    if (size > this.max[mode]) return undefined;
    const needed = this.used[mode] + size - this.max[mode];
    if (needed <= 0) return [];
    const rddToAdd = rddIdOf(blockId);
    const victims: string[] = [];
    let freed = 0;
    for (const [id, entry] of this.entries) {
      if (entry.mode !== mode) continue;
      if (rddToAdd !== undefined && rddIdOf(id) === rddToAdd) continue;
      victims.push(id);
      freed += entry.size;
      if (freed >= needed) return victims;
    }
    return undefined;
  }
}
