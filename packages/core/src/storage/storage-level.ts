/** Which memory pool a block's in-memory copy counts against (Spark's `MemoryMode`). */
export type MemoryMode = 'ON_HEAP' | 'OFF_HEAP';

/** Thrown by {@link StorageLevel.fromString} for a name Spark does not define. */
export class UnknownStorageLevelError extends Error {
  override readonly name = 'UnknownStorageLevelError';
  constructor(readonly input: string) {
    super(`Invalid StorageLevel: ${input}. Valid names: ${StorageLevel.ALL_NAMES.join(', ')}`);
  }
}

/**
 * Where and how a persisted partition is kept: Spark's `StorageLevel`, with the same flags, names,
 * `toString` and UI `description`.
 *
 * Flags follow the Scala/JVM definitions for every Spark name: `MEMORY_ONLY` keeps deserialized rows,
 * `MEMORY_ONLY_SER` keeps serialized bytes. PySpark differs: Python data is always pickled, so there
 * `MEMORY_ONLY` and `MEMORY_AND_DISK` are serialized and the `_SER` names are deprecated aliases.
 * PySpark's `MEMORY_AND_DISK_DESER` (disk, memory, deserialized) has exactly the JVM flags of
 * `MEMORY_AND_DISK`, so here it is the same instance.
 *
 * Defaults worth remembering: `RDD.cache()` / `RDD.persist()` use `MEMORY_ONLY`; `Dataset.cache()` /
 * `Dataset.persist()` use `MEMORY_AND_DISK` (Spark 3).
 *
 * Levels are interned: equal flags give the same instance, so `===` compares levels.
 */
export class StorageLevel {
  private static readonly interned = new Map<number, StorageLevel>();
  private static readonly byName = new Map<string, StorageLevel>();

  private constructor(
    readonly useDisk: boolean,
    readonly useMemory: boolean,
    readonly useOffHeap: boolean,
    readonly deserialized: boolean,
    readonly replication: number,
  ) {}

  /** The interned level with these flags; Spark's `StorageLevel.apply` with its constructor checks. */
  static of(useDisk: boolean, useMemory: boolean, useOffHeap: boolean, deserialized: boolean, replication = 1): StorageLevel {
    if (!Number.isInteger(replication) || replication < 0 || replication >= 40) {
      throw new RangeError(`Replication restricted to be less than 40, got ${replication}`);
    }
    if (useOffHeap && deserialized) throw new RangeError('Off-heap storage level does not support deserialized storage');
    const key = StorageLevel.flagsOf(useDisk, useMemory, useOffHeap, deserialized) * 41 + replication;
    let level = StorageLevel.interned.get(key);
    if (level === undefined) {
      level = new StorageLevel(useDisk, useMemory, useOffHeap, deserialized, replication);
      StorageLevel.interned.set(key, level);
    }
    return level;
  }

  static readonly NONE = StorageLevel.define('NONE', false, false, false, false);
  static readonly DISK_ONLY = StorageLevel.define('DISK_ONLY', true, false, false, false);
  static readonly DISK_ONLY_2 = StorageLevel.define('DISK_ONLY_2', true, false, false, false, 2);
  static readonly DISK_ONLY_3 = StorageLevel.define('DISK_ONLY_3', true, false, false, false, 3);
  static readonly MEMORY_ONLY = StorageLevel.define('MEMORY_ONLY', false, true, false, true);
  static readonly MEMORY_ONLY_2 = StorageLevel.define('MEMORY_ONLY_2', false, true, false, true, 2);
  static readonly MEMORY_ONLY_SER = StorageLevel.define('MEMORY_ONLY_SER', false, true, false, false);
  static readonly MEMORY_ONLY_SER_2 = StorageLevel.define('MEMORY_ONLY_SER_2', false, true, false, false, 2);
  static readonly MEMORY_AND_DISK = StorageLevel.define('MEMORY_AND_DISK', true, true, false, true);
  static readonly MEMORY_AND_DISK_2 = StorageLevel.define('MEMORY_AND_DISK_2', true, true, false, true, 2);
  static readonly MEMORY_AND_DISK_SER = StorageLevel.define('MEMORY_AND_DISK_SER', true, true, false, false);
  static readonly MEMORY_AND_DISK_SER_2 = StorageLevel.define('MEMORY_AND_DISK_SER_2', true, true, false, false, 2);
  /** Spark 3: disk + memory + off-heap, serialized. The in-memory copy lives in the off-heap pool. */
  static readonly OFF_HEAP = StorageLevel.define('OFF_HEAP', true, true, true, false);
  /** PySpark's name for the deserialized memory+disk level; the same instance as `MEMORY_AND_DISK`. */
  static readonly MEMORY_AND_DISK_DESER = StorageLevel.define('MEMORY_AND_DISK_DESER', true, true, false, true);

  /** Every accepted name, in Spark's order, then PySpark's extra one. */
  static readonly ALL_NAMES: readonly string[] = [...StorageLevel.byName.keys()];

  /** The level for a Spark or PySpark name, case-insensitively. */
  static fromString(name: string): StorageLevel {
    const level = StorageLevel.byName.get(name.trim().toUpperCase());
    if (level === undefined) throw new UnknownStorageLevelError(name);
    return level;
  }

  private static define(name: string, useDisk: boolean, useMemory: boolean, useOffHeap: boolean, deserialized: boolean, replication = 1): StorageLevel {
    const level = StorageLevel.of(useDisk, useMemory, useOffHeap, deserialized, replication);
    StorageLevel.byName.set(name, level);
    return level;
  }

  private static flagsOf(useDisk: boolean, useMemory: boolean, useOffHeap: boolean, deserialized: boolean): number {
    return (useDisk ? 8 : 0) | (useMemory ? 4 : 0) | (useOffHeap ? 2 : 0) | (deserialized ? 1 : 0);
  }

  /** Spark's name for these flags; the first defined wins, so MEMORY_AND_DISK_DESER reads as MEMORY_AND_DISK. */
  get name(): string | undefined {
    for (const [name, level] of StorageLevel.byName) if (level === this) return name;
    return undefined;
  }

  /** Spark's `isValid`: the level keeps the data somewhere. */
  get isValid(): boolean {
    return (this.useMemory || this.useDisk || this.useOffHeap) && this.replication > 0;
  }

  get memoryMode(): MemoryMode {
    return this.useOffHeap ? 'OFF_HEAP' : 'ON_HEAP';
  }

  /** Spark's bit encoding: disk 8, memory 4, off-heap 2, deserialized 1. */
  toInt(): number {
    return StorageLevel.flagsOf(this.useDisk, this.useMemory, this.useOffHeap, this.deserialized);
  }

  /** The same level kept in one copy: what a replica is stored with on its peer. */
  withReplication(replication: number): StorageLevel {
    return StorageLevel.of(this.useDisk, this.useMemory, this.useOffHeap, this.deserialized, replication);
  }

  /** Spark's UI text, e.g. `Memory Deserialized 1x Replicated`, `Disk Memory (off heap) Serialized 1x Replicated`. */
  get description(): string {
    let text = this.useDisk ? 'Disk ' : '';
    if (this.useMemory) text += this.useOffHeap ? 'Memory (off heap) ' : 'Memory ';
    text += this.deserialized ? 'Deserialized ' : 'Serialized ';
    return `${text}${this.replication}x Replicated`;
  }

  /** Spark's `toString`, e.g. `StorageLevel(disk, memory, deserialized, 1 replicas)`. */
  toString(): string {
    const parts = [this.useDisk && 'disk', this.useMemory && 'memory', this.useOffHeap && 'offheap', this.deserialized && 'deserialized'];
    const named = parts.filter((part): part is string => part !== false);
    return `StorageLevel(${[...named, `${this.replication} replicas`].join(', ')})`;
  }
}
