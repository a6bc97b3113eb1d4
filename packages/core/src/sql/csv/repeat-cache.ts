/**
 * Remembers a column's decoded values by their bytes, for values a column repeats (event types,
 * brands, category ids): hashing and comparing a few bytes costs less than decoding and
 * allocating a string or a bigint per row. A column whose values rarely repeat turns the cache
 * off after a trial. `decode` must be a pure function of the bytes.
 */

const SLOT_BITS = 11;
const SLOTS = 1 << SLOT_BITS;
/** Longer values go straight to decoding: long strings rarely repeat and cost more to compare. */
const MAX_KEY_BYTES = 40;
const TRIAL_LOOKUPS = 4096;
const WARMUP_LOOKUPS = 256;

export class RepeatCache<T> {
  // Allocated after WARMUP_LOOKUPS, so scans of a few rows (tiny splits) skip the tables.
  private keys: Uint8Array | null = null;
  private lengths: Int32Array | null = null;
  private values: T[] = [];
  private lookups = 0;
  private misses = 0;
  private enabled = true;

  constructor(private readonly decode: (buf: Buffer, s: number, e: number) => T) {}

  get(buf: Buffer, s: number, e: number): T {
    const n = e - s;
    if (!this.enabled || n > MAX_KEY_BYTES) return this.decode(buf, s, e);
    const keys = this.keys;
    const lengths = this.lengths;
    if (keys === null || lengths === null) {
      if (++this.lookups === WARMUP_LOOKUPS) this.allocate();
      return this.decode(buf, s, e);
    }
    // Hash a sample (length, both ends, middle): cheap, and the full compare below decides.
    const h = n === 0 ? 0 : Math.imul(n ^ (buf[s] << 8) ^ (buf[e - 1] << 16) ^ (buf[s + (n >> 1)] << 24) ^ buf[e - 1 - (n >> 2)], 0x9e3779b1);
    const slot = h >>> (32 - SLOT_BITS);
    const at = slot * MAX_KEY_BYTES;
    this.lookups++;
    if (lengths[slot] === n) {
      let k = 0;
      while (k < n && keys[at + k] === buf[s + k]) k++;
      if (k === n) return this.values[slot];
    }
    const value = this.decode(buf, s, e);
    keys.set(buf.subarray(s, e), at);
    lengths[slot] = n;
    this.values[slot] = value;
    if (++this.misses * 2 > TRIAL_LOOKUPS) {
      // Judged per window of lookups: mostly misses means the values do not repeat.
      if (this.misses * 2 > this.lookups) this.enabled = false;
      this.lookups = 0;
      this.misses = 0;
    }
    return value;
  }

  private allocate(): void {
    this.keys = new Uint8Array(SLOTS * MAX_KEY_BYTES);
    this.lengths = new Int32Array(SLOTS).fill(-1);
    this.values = new Array<T>(SLOTS);
    this.lookups = 0;
  }
}
