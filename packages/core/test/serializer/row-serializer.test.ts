import { describe, expect, it } from 'vitest';
import { deserializeRows, serializeRows } from '../../src/serializer/row-serializer.js';
import type { Row } from '../../src/sql/types.js';

describe('row serialisation', () => {
  it('round-trips bigint exactly, beyond 2^53 and negative, up to the 64-bit limits', () => {
    const rows: Row[] = [
      [2n ** 53n + 1n],
      [-(2n ** 53n) - 3n],
      [9223372036854775807n],
      [-9223372036854775808n],
      [18446744073709551615n],
      [2n ** 100n + 7n],
      [-(2n ** 80n)],
      [5n],
    ];
    const back = deserializeRows(serializeRows(rows));
    expect(back).toEqual(rows);
    for (const [value] of back) expect(typeof value).toBe('bigint');
  });

  it('keeps numbers numbers, including large integers, fractions and non-finite values', () => {
    const rows: Row[] = [[0, 1, -1, 127, 128, 65535, 2 ** 31, -(2 ** 31) - 1, 2 ** 40, Number.MAX_SAFE_INTEGER, 0.1, -1e300, NaN, Infinity, -Infinity]];
    const back = deserializeRows(serializeRows(rows));
    expect(back).toEqual(rows);
    for (const value of back[0]) expect(typeof value).toBe('number');
  });

  it('round-trips nulls, booleans, UTF-8 strings and nested arrays', () => {
    const rows: Row[] = [
      [null, true, false, '', 'plain', 'Zürich', '東京', '🚀 emoji \u0000 nul', 'x'.repeat(70_000)],
      [[1, [2, [3, null]], []], ['a', null], [[2n ** 60n]]],
      [],
    ];
    expect(deserializeRows(serializeRows(rows))).toEqual(rows);
  });

  it('writes -0 as 0 (MessagePack integers have no sign of zero)', () => {
    expect(Object.is(deserializeRows(serializeRows([[-0]]))[0][0], 0)).toBe(true);
  });

  it('writes no rows as no bytes', () => {
    expect(serializeRows([]).length).toBe(0);
    expect(deserializeRows(new Uint8Array(0))).toEqual([]);
  });

  it('decodes concatenated outputs as the concatenated rows, so batches can be appended', () => {
    const a: Row[] = [[1, 'a'], [2, 'b']];
    const b: Row[] = Array.from({ length: 70_000 }, (_, i) => [i, `row${i}`]);
    const c: Row[] = [[null]];
    const joined = Buffer.concat([serializeRows(a), serializeRows(b), serializeRows(c)]);
    expect(deserializeRows(joined)).toEqual([...a, ...b, ...c]);
  });

  it('returns a right-sized buffer of its own', () => {
    const bytes = serializeRows([[1, 2, 3]]);
    expect(bytes.length).toBe(4); // fixarray header + three positive fixints
    expect(deserializeRows(bytes)).toEqual([[1, 2, 3]]);
    const big = serializeRows(Array.from({ length: 1000 }, (_, i) => [i]));
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(big.length);
  });
});
