import { describe, expect, it } from 'vitest';
import { estimateSize } from '../../src/serializer/size-estimator.js';
import type { Row } from '../../src/sql/types.js';

// Model: array 32 + 16 + 8/slot; HeapNumber 16; string 16 + chars, aligned to 8; bigint 16 + 8/digit.
const shell = (n: number) => 48 + 8 * n;

describe('estimateSize', () => {
  it('counts the rows array and each row shell', () => {
    expect(estimateSize([])).toBe(32);
    expect(estimateSize([[]])).toBe(shell(1) + 32);
    expect(estimateSize([[1, 2, 3]])).toBe(shell(1) + shell(3));
  });

  it('sizes values per the V8 model', () => {
    // 2^31 is not a Smi: boxed as a 16 B HeapNumber in a mixed array.
    expect(estimateSize([['abc', 2 ** 31]])).toBe(shell(1) + shell(2) + 24 + 16);
    // All numbers: doubles stay unboxed in the backing store.
    expect(estimateSize([[0.5, 1.5]])).toBe(shell(1) + shell(2));
    // Two-byte string: 16 + 2 * 3 = 22, aligned to 24.
    expect(estimateSize([['東京都']])).toBe(shell(1) + shell(1) + 24);
    // bigint of two 64-bit digits; null and booleans are shared oddballs.
    expect(estimateSize([[2n ** 64n, null, true]])).toBe(shell(1) + shell(3) + 32);
    // Nested array.
    expect(estimateSize([[[1, 2]]])).toBe(shell(1) + shell(1) + shell(2));
  });

  it('walks up to 400 rows in full', () => {
    const rows: Row[] = Array.from({ length: 400 }, (_, i) => [i, `name-${i}`]);
    const full = rows.reduce((sum, row) => sum + estimateSize([row]) - shell(1), shell(400));
    expect(estimateSize(rows)).toBe(full);
  });

  it('samples larger arrays reproducibly, close to the full walk', () => {
    const rows: Row[] = Array.from({ length: 50_000 }, (_, i) => [i, i * 0.5, `customer-${i % 997}-${'x'.repeat(i % 40)}`, i % 3 === 0 ? null : BigInt(i) * 2n ** 60n]);
    const full = rows.reduce((sum, row) => sum + estimateSize([row]) - shell(1), shell(rows.length));
    const sampled = estimateSize(rows);
    expect(estimateSize(rows)).toBe(sampled);
    expect(Math.abs(sampled - full) / full).toBeLessThan(0.05);
  });
});
