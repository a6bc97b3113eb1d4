import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Row } from '../sql/types.js';
import { deserializeRows, serializeRows } from '../serializer/row-serializer.js';
import { estimateSize } from '../serializer/size-estimator.js';
import { rddIdOf } from './block-id.js';
import { bytesToString } from './byte-string.js';
import { DiskStore } from './disk-store.js';
import { MemoryStore, type MemoryEntry } from './memory-store.js';
import { StorageLevel, type MemoryMode } from './storage-level.js';

/** Where a block is and how big (Spark's BlockStatus). */
export interface BlockStatus {
  /** The level as effectively stored: a MEMORY_AND_DISK block that went to disk has useMemory false. */
  readonly storageLevel: StorageLevel;
  readonly memSize: number;
  readonly diskSize: number;
}

/** Spark's `BlockStatus.empty`. */
export const EMPTY_BLOCK_STATUS: BlockStatus = { storageLevel: StorageLevel.NONE, memSize: 0, diskSize: 0 };

export interface DroppedBlock {
  readonly blockId: string;
  readonly status: BlockStatus;
}

export interface PutResult {
  /** False when the level's stores had no room (a MEMORY_ONLY block too big for memory). */
  readonly stored: boolean;
  /** The new block's status; EMPTY_BLOCK_STATUS when not stored. */
  readonly status: BlockStatus;
  /** Blocks evicted from memory to make room, with their status afterwards (Spark's task "Updated Blocks"). */
  readonly droppedBlocks: readonly DroppedBlock[];
  /** This put's warnings, as in {@link BlockManagerOptions.onWarning}. */
  readonly warnings: readonly string[];
}

export interface BlockManagerOptions {
  readonly executorId: string;
  readonly host: string;
  /** On-heap storage budget in bytes; see storageMemoryBytes. */
  readonly memoryBytes: number;
  /** Off-heap storage budget (Spark's spark.memory.offHeap.size); with 0, OFF_HEAP blocks go to disk. */
  readonly offHeapBytes?: number;
  /** Root under which this executor's block directory is made (Spark's spark.local.dir). */
  readonly localDir: string;
  /**
   * Every change of a block's status, as Spark's BlockManager reports it to the master (and so to
   * SparkListenerBlockUpdated). Sizes follow Spark 3: an update whose level lacks useMemory/useDisk
   * carries the bytes that left memory/disk, so a listener can apply deltas. A block dropped from
   * memory reports memSize = the bytes freed; a removed block reports level NONE with its sizes before
   * removal.
   */
  readonly onBlockUpdate?: (blockId: string, status: BlockStatus) => void;
  /**
   * Every warning, written as Spark's logger would after the level: `MemoryStore: Not enough space to
   * cache rdd_1_0 in memory! (computed 4.2 MiB so far)`, so `WARN ${message}` is Spark's log line.
   */
  readonly onWarning?: (message: string) => void;
  /**
   * Called after a block with replication > 1 is stored locally, with its serialized bytes and the level
   * each peer should store it at (replication 1, as Spark's replicate does). The transport is the
   * caller's: it may send asynchronously; this manager does not wait.
   */
  readonly onReplicate?: (blockId: string, bytes: Buffer, peerLevel: StorageLevel) => void;
}

/**
 * Spark's BlockManager for one executor: puts computed partitions in the memory store and/or the disk
 * store as their StorageLevel asks, drops evicted blocks to disk when their level allows, and reports
 * every status change.
 *
 * Puts follow Spark's doPutIterator / doPutBytes: memory first when the level uses memory (rows with
 * their estimated heap size when deserialized, serialized bytes otherwise, in the level's memory mode);
 * to disk when memory has no room and the level uses disk; otherwise not stored. A block already present
 * is not re-added.
 *
 * Reads of a disk-only copy of a level that uses memory put the block back in memory when it fits, as
 * Spark's getLocalValues does; that change is reported too (Spark does not report it).
 *
 * The cluster-wide pieces plug in through the options: `onBlockUpdate` feeds a block-location map,
 * `onReplicate` a replication transport, and `putBytes` receives replicas and fetched blocks.
 */
export class BlockManager {
  readonly executorId: string;
  readonly host: string;
  /** This executor's block directory: `<localDir>/blockmgr-<executorId>-<uuid>`, made on first write. */
  readonly localDir: string;
  readonly memoryStore: MemoryStore;
  readonly diskStore: DiskStore;
  /** The level each known block was put with (Spark's BlockInfo.level). */
  private readonly levels = new Map<string, StorageLevel>();

  constructor(private readonly options: BlockManagerOptions) {
    this.executorId = options.executorId;
    this.host = options.host;
    const safeId = options.executorId.replace(/[^A-Za-z0-9._-]/g, '_');
    this.localDir = join(options.localDir, `blockmgr-${safeId}-${randomUUID()}`);
    this.memoryStore = new MemoryStore(options.memoryBytes, options.offHeapBytes ?? 0);
    this.diskStore = new DiskStore(this.localDir);
  }

  /** Stores a computed partition. At deserialized levels the array is kept as given: do not mutate it afterwards. */
  putRows(blockId: string, rows: Row[], level: StorageLevel): PutResult {
    const put = this.beginPut(blockId, level);
    if (put.done !== undefined) return put.done;
    let bytes: Buffer | undefined;
    if (level.useMemory) {
      let entry: MemoryEntry;
      if (level.deserialized) {
        entry = { kind: 'values', rows, size: estimateSize(rows), mode: 'ON_HEAP' };
      } else {
        bytes = serializeRows(rows);
        entry = { kind: 'bytes', bytes, size: bytes.length, mode: level.memoryMode };
      }
      if (!this.putInMemory(blockId, entry, put)) {
        this.warn(put, `MemoryStore: Not enough space to cache ${blockId} in memory! (computed ${bytesToString(entry.size)} so far)`);
        if (level.useDisk) {
          this.warn(put, `BlockManager: Persisting block ${blockId} to disk instead.`);
          bytes ??= serializeRows(rows);
          this.diskStore.putBytes(blockId, bytes);
        }
      }
    } else {
      bytes = serializeRows(rows);
      this.diskStore.putBytes(blockId, bytes);
    }
    return this.finishPut(blockId, level, put, () => bytes ?? serializeRows(rows));
  }

  /** Stores a block received as bytes (a replica, or a block fetched from another executor). */
  putBytes(blockId: string, bytes: Uint8Array, level: StorageLevel): PutResult {
    const put = this.beginPut(blockId, level);
    if (put.done !== undefined) return put.done;
    const own = ownBuffer(bytes);
    if (level.useMemory) {
      let stored: boolean;
      if (level.deserialized) {
        const rows = deserializeRows(own);
        const size = estimateSize(rows);
        stored = this.putInMemory(blockId, { kind: 'values', rows, size, mode: 'ON_HEAP' }, put);
        if (!stored) this.warn(put, `MemoryStore: Not enough space to cache ${blockId} in memory! (computed ${bytesToString(size)} so far)`);
      } else {
        stored = this.putInMemory(blockId, { kind: 'bytes', bytes: own, size: own.length, mode: level.memoryMode }, put);
      }
      if (!stored && level.useDisk) {
        this.warn(put, `BlockManager: Persisting block ${blockId} to disk instead.`);
        this.diskStore.putBytes(blockId, own);
      }
    } else {
      this.diskStore.putBytes(blockId, own);
    }
    return this.finishPut(blockId, level, put, () => own);
  }

  /**
   * The block's rows, from memory or disk; undefined when this executor does not hold it. Rows kept
   * deserialized are returned as stored (not copied): treat them as read-only.
   */
  getRows(blockId: string): Row[] | undefined {
    const level = this.levels.get(blockId);
    if (level === undefined) return undefined;
    const entry = this.memoryStore.get(blockId);
    if (entry !== undefined) return entry.kind === 'values' ? entry.rows : deserializeRows(entry.bytes);
    const bytes = this.readFromDisk(blockId);
    if (bytes === undefined) return undefined;
    const rows = deserializeRows(bytes);
    if (level.useMemory) this.cacheDiskCopy(blockId, level, rows, bytes);
    return rows;
  }

  /** The block serialized (what another executor would fetch), from memory or disk. */
  getBytes(blockId: string): Buffer | undefined {
    const level = this.levels.get(blockId);
    if (level === undefined) return undefined;
    const entry = this.memoryStore.get(blockId);
    if (entry !== undefined) return entry.kind === 'bytes' ? entry.bytes : serializeRows(entry.rows);
    return this.readFromDisk(blockId);
  }

  /**
   * Removes the block from memory and disk. `tellMaster` false skips the report, as Spark's removeRdd
   * does when the driver itself asked for the removal.
   */
  remove(blockId: string, tellMaster = true): boolean {
    const level = this.levels.get(blockId);
    if (level === undefined) return false;
    const status = this.currentStatus(blockId, level);
    this.memoryStore.remove(blockId);
    this.diskStore.remove(blockId);
    this.levels.delete(blockId);
    if (tellMaster) this.report(blockId, { ...status, storageLevel: StorageLevel.NONE });
    return true;
  }

  /** Removes every block of the RDD; returns how many there were. */
  removeRdd(rddId: number, tellMaster = true): number {
    const blocks = this.blockIds().filter((id) => rddIdOf(id) === rddId);
    for (const id of blocks) this.remove(id, tellMaster);
    return blocks.length;
  }

  getStatus(blockId: string): BlockStatus | undefined {
    const level = this.levels.get(blockId);
    return level === undefined ? undefined : this.currentStatus(blockId, level);
  }

  blockIds(): string[] {
    return [...this.levels.keys()];
  }

  /** Bytes of blocks in memory: one pool, or both when no mode is given. */
  memoryUsed(mode?: MemoryMode): number {
    return this.memoryStore.usedBytes(mode);
  }

  diskUsed(): number {
    return this.diskStore.usedBytes();
  }

  /** Drops every block and deletes the block directory; synchronous, so exit handlers may call it. No reports. */
  close(): void {
    this.memoryStore.clear();
    this.diskStore.clear();
    this.levels.clear();
  }

  private beginPut(blockId: string, level: StorageLevel): PutInProgress {
    if (!level.isValid) throw new RangeError(`StorageLevel is invalid: ${level}`);
    const put: PutInProgress = { warnings: [], droppedBlocks: [] };
    const existing = this.levels.get(blockId);
    if (existing !== undefined) {
      this.warn(put, `BlockManager: Block ${blockId} already exists on this machine; not re-adding it`);
      put.done = { stored: true, status: this.currentStatus(blockId, existing), droppedBlocks: [], warnings: put.warnings };
      return put;
    }
    this.levels.set(blockId, level);
    return put;
  }

  private finishPut(blockId: string, level: StorageLevel, put: PutInProgress, bytes: () => Buffer): PutResult {
    if (!this.holds(blockId)) {
      this.levels.delete(blockId);
      return { stored: false, status: EMPTY_BLOCK_STATUS, droppedBlocks: put.droppedBlocks, warnings: put.warnings };
    }
    const status = this.currentStatus(blockId, level);
    this.report(blockId, status);
    if (level.replication > 1) this.options.onReplicate?.(blockId, bytes(), level.withReplication(1));
    return { stored: true, status, droppedBlocks: put.droppedBlocks, warnings: put.warnings };
  }

  /** Puts the entry in memory and drops whatever it evicted; false when it does not fit. */
  private putInMemory(blockId: string, entry: MemoryEntry, put: PutInProgress): boolean {
    const result = this.memoryStore.put(blockId, entry);
    for (const victim of result.evicted) this.dropFromMemory(victim.blockId, victim.entry, put.droppedBlocks);
    return result.stored;
  }

  /** Spark's dropFromMemory, after the memory store let go of the entry: to disk if the level allows. */
  private dropFromMemory(blockId: string, entry: MemoryEntry, dropped: DroppedBlock[]): void {
    const level = this.levels.get(blockId)!;
    if (level.useDisk && !this.diskStore.contains(blockId)) {
      this.diskStore.putBytes(blockId, entry.kind === 'bytes' ? entry.bytes : serializeRows(entry.rows));
    }
    const status = this.currentStatus(blockId, level);
    if (!this.holds(blockId)) this.levels.delete(blockId);
    dropped.push({ blockId, status });
    this.report(blockId, { ...status, memSize: Math.max(status.memSize, entry.size) });
  }

  /** Spark's maybeCacheDiskValuesInMemory / maybeCacheDiskBytesInMemory. */
  private cacheDiskCopy(blockId: string, level: StorageLevel, rows: Row[], bytes: Buffer): void {
    const entry: MemoryEntry = level.deserialized
      ? { kind: 'values', rows, size: estimateSize(rows), mode: 'ON_HEAP' }
      : { kind: 'bytes', bytes, size: bytes.length, mode: level.memoryMode };
    const put: PutInProgress = { warnings: [], droppedBlocks: [] };
    if (this.putInMemory(blockId, entry, put)) this.report(blockId, this.currentStatus(blockId, level));
    else if (level.deserialized) this.warn(put, `MemoryStore: Not enough space to cache ${blockId} in memory! (computed ${bytesToString(entry.size)} so far)`);
  }

  /** The block's file; a file gone missing (a disk fault) means the block is lost, reported as removed. */
  private readFromDisk(blockId: string): Buffer | undefined {
    const diskSize = this.diskStore.size(blockId);
    if (diskSize === undefined) return undefined;
    const bytes = this.diskStore.getBytes(blockId);
    if (bytes !== undefined) return bytes;
    this.options.onWarning?.(`BlockManager: Block ${blockId} was lost from disk; removing it`);
    this.levels.delete(blockId);
    this.report(blockId, { storageLevel: StorageLevel.NONE, memSize: 0, diskSize });
    return undefined;
  }

  /** Spark's getCurrentBlockStatus. */
  private currentStatus(blockId: string, level: StorageLevel): BlockStatus {
    const inMem = level.useMemory && this.memoryStore.contains(blockId);
    const onDisk = level.useDisk && this.diskStore.contains(blockId);
    const storageLevel = StorageLevel.of(onDisk, inMem, level.useOffHeap, inMem && level.deserialized, inMem || onDisk ? level.replication : 1);
    return {
      storageLevel,
      memSize: inMem ? this.memoryStore.peek(blockId)!.size : 0,
      diskSize: onDisk ? this.diskStore.size(blockId)! : 0,
    };
  }

  private holds(blockId: string): boolean {
    return this.memoryStore.contains(blockId) || this.diskStore.contains(blockId);
  }

  private report(blockId: string, status: BlockStatus): void {
    this.options.onBlockUpdate?.(blockId, status);
  }

  private warn(put: PutInProgress, message: string): void {
    put.warnings.push(message);
    this.options.onWarning?.(message);
  }
}

interface PutInProgress {
  readonly warnings: string[];
  readonly droppedBlocks: DroppedBlock[];
  done?: PutResult;
}

/**
 * A buffer the block can own. A view into a larger allocation (a slice of a network frame) would keep
 * the whole allocation alive while being counted at its own length, so such views are copied.
 */
function ownBuffer(bytes: Uint8Array): Buffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return Buffer.from(bytes.buffer, 0, bytes.byteLength);
  const copy = Buffer.allocUnsafeSlow(bytes.byteLength);
  copy.set(bytes);
  return copy;
}
