import type { Row, Value } from '../sql/types.js';

/*
 * The V8 heap footprint of deserialized rows, in the spirit of Spark's SizeEstimator: a per-object
 * model of the runtime's layout, walked over the values, with large arrays sampled.
 *
 * Model (64-bit V8 without pointer compression, Node's default build; checked against heapUsed
 * deltas with --expose-gc to within a few percent for the cases below):
 * - array: 32 B object (map, properties, elements, length) + 16 B backing store header + 8 B a slot,
 *   assuming capacity == length (as for literals and arrays built at their final size); an empty
 *   array shares the empty backing store, so 32 B;
 * - number: a 32-bit integer (a Smi) lives in its slot: 0 B more; any other number is a 16 B
 *   HeapNumber, unless every element of its array is a number, in which case V8 keeps them unboxed
 *   in the slots (double elements): 0 B more;
 * - string: 16 B header + 1 B a char (2 B if any char is above U+00FF), rounded up to 8 B; strings
 *   made by slicing can be larger, interned literals are shared: both are ignored;
 * - bigint: 16 B header + 8 B per 64-bit digit;
 * - boolean, null: shared oddballs, 0 B beyond their slot.
 * Objects shared between rows are counted each time they appear (Spark dedups by identity; for rows
 * decoded from bytes or parsed from text nothing is shared, so the walk stays identity-free).
 */

const ARRAY_HEADER = 32;
const BACKING_STORE_HEADER = 16;
const SLOT = 8;
const HEAP_NUMBER = 16;
const STRING_HEADER = 16;
const BIGINT_HEADER = 16;

/** Like Spark: arrays up to this length are walked in full, longer ones are sampled. */
const ARRAY_SIZE_FOR_SAMPLING = 400;
const ARRAY_SAMPLE_SIZE = 100;

/**
 * Estimated V8 heap bytes held by `rows` (the array and everything it references).
 *
 * Up to 400 rows are measured one by one; beyond that 100 distinct rows, drawn with a fixed seed so the
 * figure is reproducible, are measured and their mean is extrapolated to all rows.
 */
export function estimateSize(rows: readonly Row[]): number {
  const n = rows.length;
  let size = arrayShell(n);
  if (n <= ARRAY_SIZE_FOR_SAMPLING) {
    for (let i = 0; i < n; i++) size += valueSize(rows[i], false);
    return size;
  }
  let sampled = 0;
  for (const i of sampleIndices(n, ARRAY_SAMPLE_SIZE)) sampled += valueSize(rows[i], false);
  return size + Math.round((sampled / ARRAY_SAMPLE_SIZE) * n);
}

/** Bytes beyond the 8 B slot that holds `value`; `unboxed` when its array keeps doubles in place. */
function valueSize(value: Value, unboxed: boolean): number {
  switch (typeof value) {
    case 'number':
      return unboxed || isSmi(value) ? 0 : HEAP_NUMBER;
    case 'string':
      return align8(STRING_HEADER + value.length * (TWO_BYTE.test(value) ? 2 : 1));
    case 'bigint':
      return BIGINT_HEADER + SLOT * bigintDigits(value);
    case 'boolean':
      return 0;
    default:
      if (value === null) return 0;
      return arraySize(value);
  }
}

function arraySize(values: readonly Value[]): number {
  let allNumbers = true;
  for (const v of values) {
    if (typeof v !== 'number') {
      allNumbers = false;
      break;
    }
  }
  let size = arrayShell(values.length);
  for (const v of values) size += valueSize(v, allNumbers);
  return size;
}

function arrayShell(length: number): number {
  return length === 0 ? ARRAY_HEADER : ARRAY_HEADER + BACKING_STORE_HEADER + SLOT * length;
}

function isSmi(n: number): boolean {
  return Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 && !Object.is(n, -0);
}

const TWO_BYTE = /[^\u0000-\u00ff]/;

function bigintDigits(n: bigint): number {
  let magnitude = n < 0n ? -n : n;
  let digits = 0;
  while (magnitude > 0n) {
    digits++;
    magnitude >>= 64n;
  }
  return digits;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** `count` distinct indices below `n`, drawn by a seeded xorshift so estimates are reproducible. */
function sampleIndices(n: number, count: number): number[] {
  const drawn = new Set<number>();
  let state = 42;
  while (drawn.size < count) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    drawn.add((state >>> 0) % n);
  }
  return [...drawn];
}
