import { Packr } from 'msgpackr';
import type { Row } from '../sql/types.js';

/*
 * Rows are serialised with MessagePack (msgpackr): it is among the fastest encoders for Node, its
 * binary form is compact (small ints take one byte, strings are length-prefixed UTF-8), and it keeps
 * every value our rows can hold:
 * - bigint goes out as int64/uint64 and, with int64AsType 'bigint', comes back as bigint, so LongType
 *   values beyond 2^53 round-trip exactly (and a bigint stays a bigint whatever its magnitude);
 *   useBigIntExtension covers anything wider than 64 bits instead of throwing;
 * - numbers that are not 32-bit integers go out as float64, so they come back as the same number
 *   (never as a bigint); one exception: -0 is written as the integer 0;
 * - null, booleans, UTF-8 strings and nested arrays are native MessagePack types.
 * useRecords is off: rows are arrays, and plain MessagePack keeps the bytes readable by any decoder.
 */
const packr = new Packr({ useRecords: false, int64AsType: 'bigint', useBigIntExtension: true });

/**
 * The rows as a sequence of MessagePack values, one per row, with no framing around them.
 *
 * Because the sequence has no header, concatenated outputs decode to the concatenated rows: a writer
 * can append batches to a file (a shuffle slice, a disk block) and a reader decode the file in one go.
 * No rows give zero bytes.
 */
export function serializeRows(rows: readonly Row[]): Buffer {
  if (rows.length === 0) return Buffer.alloc(0);
  // One pack call over the whole array is far faster than one per row; dropping the array header
  // leaves exactly the per-row sequence. The copy gives the block a right-sized allocation of its own
  // (not a view into msgpackr's scratch buffer, nor into Node's shared pool for small Buffers), so
  // its length is the memory it holds.
  const body = packr.pack(rows).subarray(arrayHeaderLength(rows.length));
  const out = Buffer.allocUnsafeSlow(body.length);
  body.copy(out);
  return out;
}

/** Decodes what {@link serializeRows} wrote (or several of its outputs concatenated). */
export function deserializeRows(bytes: Uint8Array): Row[] {
  if (bytes.length === 0) return [];
  return packr.unpackMultiple(bytes) as Row[];
}

/** Bytes of a MessagePack array header: fixarray, array 16 or array 32. */
function arrayHeaderLength(length: number): number {
  if (length < 16) return 1;
  if (length < 0x10000) return 3;
  return 5;
}
