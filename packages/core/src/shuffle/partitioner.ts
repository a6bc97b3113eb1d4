import type { Value } from '../sql/types.js';

/**
 * A stable 32-bit hash of a grouping key's string form (FNV-1a). Spark uses Murmur3 of the binary row;
 * any hash that is the same in every process works, and this one is cheap on strings.
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Spark's HashPartitioner: non-negative modulo of the key's hash. */
export function partitionOf(keyString: string, numPartitions: number): number {
  return hashString(keyString) % numPartitions;
}

/** One string per distinct key: the map of a hash aggregation and the partitioner both use it. */
export function keyString(values: readonly Value[]): string {
  if (values.length === 1) {
    const v = values[0];
    if (typeof v === 'string') return v;
  }
  let s = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) s += '\u0001';
    s += v === null ? '\u0000' : typeof v === 'string' ? `s${v}` : typeof v === 'object' ? `a${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}` : x))}` : `${typeof v === 'boolean' ? 'b' : 'n'}${v}`;
  }
  return s;
}
