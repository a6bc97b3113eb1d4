import { describe, expect, it } from 'vitest';
import { StorageLevel, UnknownStorageLevelError } from '../../src/storage/storage-level.js';

// Spark's StorageLevel.scala: (useDisk, useMemory, useOffHeap, deserialized, replication).
const SPARK_TABLE: Array<[string, boolean, boolean, boolean, boolean, number]> = [
  ['NONE', false, false, false, false, 1],
  ['DISK_ONLY', true, false, false, false, 1],
  ['DISK_ONLY_2', true, false, false, false, 2],
  ['DISK_ONLY_3', true, false, false, false, 3],
  ['MEMORY_ONLY', false, true, false, true, 1],
  ['MEMORY_ONLY_2', false, true, false, true, 2],
  ['MEMORY_ONLY_SER', false, true, false, false, 1],
  ['MEMORY_ONLY_SER_2', false, true, false, false, 2],
  ['MEMORY_AND_DISK', true, true, false, true, 1],
  ['MEMORY_AND_DISK_2', true, true, false, true, 2],
  ['MEMORY_AND_DISK_SER', true, true, false, false, 1],
  ['MEMORY_AND_DISK_SER_2', true, true, false, false, 2],
  ['OFF_HEAP', true, true, true, false, 1],
];

describe('StorageLevel', () => {
  it.each(SPARK_TABLE)('%s has Spark flags', (name, useDisk, useMemory, useOffHeap, deserialized, replication) => {
    const level = StorageLevel.fromString(name);
    expect({ useDisk: level.useDisk, useMemory: level.useMemory, useOffHeap: level.useOffHeap, deserialized: level.deserialized, replication: level.replication }).toEqual({
      useDisk,
      useMemory,
      useOffHeap,
      deserialized,
      replication,
    });
    expect(level.name).toBe(name);
    expect(StorageLevel[name as keyof typeof StorageLevel]).toBe(level);
  });

  it('lists every name, Spark order then PySpark MEMORY_AND_DISK_DESER', () => {
    expect(StorageLevel.ALL_NAMES).toEqual([...SPARK_TABLE.map(([name]) => name), 'MEMORY_AND_DISK_DESER']);
  });

  it('maps PySpark MEMORY_AND_DISK_DESER to the deserialized memory+disk level', () => {
    const deser = StorageLevel.fromString('MEMORY_AND_DISK_DESER');
    expect(deser).toBe(StorageLevel.MEMORY_AND_DISK_DESER);
    expect(deser).toBe(StorageLevel.MEMORY_AND_DISK);
    expect(deser.deserialized).toBe(true);
    expect(deser.name).toBe('MEMORY_AND_DISK');
  });

  it('parses names case-insensitively', () => {
    expect(StorageLevel.fromString('memory_and_disk_ser')).toBe(StorageLevel.MEMORY_AND_DISK_SER);
    expect(StorageLevel.fromString(' Off_Heap ')).toBe(StorageLevel.OFF_HEAP);
  });

  it('rejects unknown names with one line listing the valid ones', () => {
    expect(() => StorageLevel.fromString('MEMORY_ONLY_3')).toThrow(UnknownStorageLevelError);
    try {
      StorageLevel.fromString('MEMORY_ONLY_3');
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(/^Invalid StorageLevel: MEMORY_ONLY_3\. Valid names: NONE, DISK_ONLY, /);
      expect(message).not.toContain('\n');
      for (const name of StorageLevel.ALL_NAMES) expect(message).toContain(name);
    }
  });

  it("prints Spark's toString", () => {
    expect(String(StorageLevel.MEMORY_ONLY)).toBe('StorageLevel(memory, deserialized, 1 replicas)');
    expect(String(StorageLevel.MEMORY_AND_DISK_2)).toBe('StorageLevel(disk, memory, deserialized, 2 replicas)');
    expect(String(StorageLevel.MEMORY_ONLY_SER)).toBe('StorageLevel(memory, 1 replicas)');
    expect(String(StorageLevel.OFF_HEAP)).toBe('StorageLevel(disk, memory, offheap, 1 replicas)');
    expect(String(StorageLevel.NONE)).toBe('StorageLevel(1 replicas)');
  });

  it("gives Spark UI's description", () => {
    expect(StorageLevel.MEMORY_ONLY.description).toBe('Memory Deserialized 1x Replicated');
    expect(StorageLevel.MEMORY_AND_DISK_SER_2.description).toBe('Disk Memory Serialized 2x Replicated');
    expect(StorageLevel.DISK_ONLY_3.description).toBe('Disk Serialized 3x Replicated');
    expect(StorageLevel.OFF_HEAP.description).toBe('Disk Memory (off heap) Serialized 1x Replicated');
  });

  it('interns levels so equal flags are the same object', () => {
    expect(StorageLevel.of(true, false, false, false, 1)).toBe(StorageLevel.DISK_ONLY);
    expect(StorageLevel.MEMORY_ONLY_2.withReplication(1)).toBe(StorageLevel.MEMORY_ONLY);
    const custom = StorageLevel.of(true, false, true, false, 1);
    expect(custom.name).toBeUndefined();
    expect(custom.isValid).toBe(true);
    expect(StorageLevel.NONE.isValid).toBe(false);
  });

  it("encodes flags as Spark's toInt and picks the memory mode", () => {
    expect(StorageLevel.MEMORY_AND_DISK.toInt()).toBe(13);
    expect(StorageLevel.OFF_HEAP.toInt()).toBe(14);
    expect(StorageLevel.OFF_HEAP.memoryMode).toBe('OFF_HEAP');
    expect(StorageLevel.MEMORY_ONLY_SER.memoryMode).toBe('ON_HEAP');
  });

  it('refuses what Spark refuses', () => {
    expect(() => StorageLevel.of(false, true, true, true)).toThrow(/Off-heap storage level does not support deserialized storage/);
    expect(() => StorageLevel.of(false, true, false, true, 40)).toThrow(/less than 40/);
  });
});
