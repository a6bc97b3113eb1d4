import { describe, expect, it } from 'vitest';
import { bytesToString, InvalidMemoryStringError, parseMemoryString } from '../../src/storage/byte-string.js';
import { storageMemoryBytes } from '../../src/storage/memory-budget.js';

const MiB = 2 ** 20;

describe('parseMemoryString', () => {
  it('reads Spark size strings', () => {
    expect(parseMemoryString('1g')).toBe(2 ** 30);
    expect(parseMemoryString('512m')).toBe(512 * MiB);
    expect(parseMemoryString('1024k')).toBe(MiB);
    expect(parseMemoryString('2GB')).toBe(2 * 2 ** 30);
    expect(parseMemoryString('100b')).toBe(100);
  });

  it('reads a bare number as MiB like spark.executor.memory, or in the unit given', () => {
    expect(parseMemoryString('2048')).toBe(2048 * MiB);
    expect(parseMemoryString('2048', 'b')).toBe(2048);
  });

  it('rejects bad input with a clear one-line message', () => {
    expect(() => parseMemoryString('1.5g')).toThrow(InvalidMemoryStringError);
    expect(() => parseMemoryString('1.5g')).toThrow(/^Invalid size "1.5g": fractional values are not supported\. Size must be specified as bytes \(b\)/);
    expect(() => parseMemoryString('10x')).toThrow(/invalid suffix "x"/);
    expect(() => parseMemoryString('lots')).toThrow(/Invalid size "lots": not a size/);
    expect(() => parseMemoryString('-1g')).toThrow(InvalidMemoryStringError);
  });
});

describe('bytesToString', () => {
  it("formats as Spark's Utils.bytesToString", () => {
    expect(bytesToString(100)).toBe('100.0 B');
    expect(bytesToString(2047)).toBe('2047.0 B');
    expect(bytesToString(1536 * 1024)).toBe('1536.0 KiB');
    expect(bytesToString(44.6 * MiB)).toBe('44.6 MiB');
    expect(bytesToString(3 * 2 ** 30)).toBe('3.0 GiB');
  });
});

describe('storageMemoryBytes', () => {
  it("gives (heap - 300 MiB) * spark.memory.fraction, as Spark's UnifiedMemoryManager", () => {
    expect(storageMemoryBytes(1024 * MiB)).toBe(Math.floor(724 * MiB * 0.6));
    expect(storageMemoryBytes(1024 * MiB, 0.5)).toBe(362 * MiB);
    expect(storageMemoryBytes(64 * MiB, 0.6, 0)).toBe(Math.floor(64 * MiB * 0.6));
  });

  it('refuses executors below 1.5x the reserve, as Spark does', () => {
    expect(() => storageMemoryBytes(400 * MiB)).toThrow(/Executor memory 419430400 must be at least 471859200/);
    expect(() => storageMemoryBytes(1024 * MiB, 0)).toThrow(/spark.memory.fraction/);
  });
});
