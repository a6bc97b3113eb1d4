import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from '../../src/rpc/message-codec.js';

const roundTrip = (value: unknown): unknown => decodePayload(encodePayload(value));

describe('message serialisation', () => {
  it('round-trips bigint exactly, small or beyond 64 bits, and keeps it a bigint', () => {
    const values = [0n, 5n, -1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n - 1n, 2n ** 100n + 7n, -(2n ** 80n)];
    const back = roundTrip({ type: 'Big', values }) as { values: bigint[] };
    expect(back.values).toEqual(values);
    for (const value of back.values) expect(typeof value).toBe('bigint');
  });

  it('keeps numbers numbers, including integers beyond 32 bits', () => {
    const values = [0, -1, 2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, 0.1, -1e300, Infinity, NaN];
    const back = roundTrip({ type: 'Nums', values }) as { values: number[] };
    expect(back.values).toEqual(values);
    for (const value of back.values) expect(typeof value).toBe('number');
  });

  it('keeps Buffers and Uint8Arrays binary', () => {
    const buffer = Buffer.from([0, 1, 2, 255]);
    const bytes = new Uint8Array([9, 8, 7]);
    const back = roundTrip({ type: 'Bin', buffer, bytes }) as { buffer: Uint8Array; bytes: Uint8Array };
    expect(back.buffer).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back.buffer).equals(buffer)).toBe(true);
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.bytes]).toEqual([9, 8, 7]);
  });

  it('round-trips strings, nulls, booleans, nested objects and arrays, and Dates', () => {
    const message = { type: 'Mixed', s: 'héllo ☃', n: null, t: true, nested: { list: [1, 'two', [3n]] }, at: new Date(1_700_000_000_000) };
    expect(roundTrip(message)).toEqual(message);
  });
});
