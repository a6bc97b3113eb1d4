/**
 * Hands back the same JS string for byte sequences a column repeats (event types, brands,
 * categories): hashing and comparing a few bytes costs less than decoding and allocating a
 * string per row. A column whose values rarely repeat turns the cache off after a trial.
 */
import { decodeText } from './field-parsers.js';

const SLOTS = 512;
/** Longer values go straight to decoding: long strings rarely repeat and cost more to compare. */
const MAX_KEY_BYTES = 40;
const TRIAL_LOOKUPS = 4096;

export class StringCache {
  private readonly keys = new Uint8Array(SLOTS * MAX_KEY_BYTES);
  private readonly lengths = new Int32Array(SLOTS).fill(-1);
  private readonly values: string[] = new Array<string>(SLOTS).fill('');
  private lookups = 0;
  private misses = 0;
  private enabled = true;

  get(buf: Buffer, s: number, e: number): string {
    const n = e - s;
    if (!this.enabled || n > MAX_KEY_BYTES) return decodeText(buf, s, e);
    let h = n;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    const keys = this.keys;
    const at = slot * MAX_KEY_BYTES;
    this.lookups++;
    if (this.lengths[slot] === n) {
      let k = 0;
      while (k < n && keys[at + k] === buf[s + k]) k++;
      if (k === n) return this.values[slot];
    }
    const text = decodeText(buf, s, e);
    keys.set(buf.subarray(s, e), at);
    this.lengths[slot] = n;
    this.values[slot] = text;
    if (++this.misses * 2 > TRIAL_LOOKUPS) {
      // Judged per window of lookups: mostly misses means the values do not repeat.
      if (this.misses * 2 > this.lookups) this.enabled = false;
      this.lookups = 0;
      this.misses = 0;
    }
    return text;
  }
}
