/**
 * Reads the lines a split owns, in large chunks, like Hadoop's LineRecordReader: a line belongs
 * to the split holding its first byte, so a split starting mid-line skips to the next line start
 * and the last owned line may run past the split's end. Lines end at '\n'; a '\r' before it is
 * dropped. (A lone '\r' is not a line break here.)
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { FileSplit } from './splits.js';

export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** How far past the split's end one read goes to finish the last line. */
const TAIL_BYTES = 16 * 1024;
/** Bytes past `len` reads never fill, so a word-at-a-time scanner may pad the last word. */
const SPARE_BYTES = 8;
const NL = 10;
const CR = 13;

export class LineReader {
  /** Bytes [0, len) are valid, and at least SPARE_BYTES follow them. Replaced when it grows, so re-read it after refill(). */
  buf: Buffer;
  len = 0;
  /** File offset of buf[0]. */
  base: number;
  /** Index of the next unread line in buf. */
  pos = 0;
  /** True once a read returned nothing: buf holds the rest of the file. */
  eof = false;
  /** Lines starting at or after this file offset belong to the next split. */
  readonly end: number;
  /** File offset of the first line this split owns (it may be >= end: no lines). */
  readonly firstLineOffset: number;
  /** Set by nextLine(): the line is buf[lineStart, lineEnd), at file offset lineOffset. */
  lineStart = 0;
  lineEnd = 0;
  lineOffset = 0;
  private readonly fd: number;
  /** buf[0, len), for Buffer.indexOf (which would otherwise search stale bytes too). */
  private data: Buffer;

  constructor(split: FileSplit, chunkBytes = DEFAULT_CHUNK_BYTES) {
    this.end = split.start + split.length;
    this.fd = openSync(split.path, 'r');
    // A small split gets a small buffer; refill() grows it for a long last line.
    this.buf = Buffer.allocUnsafeSlow(Math.max(Math.min(chunkBytes, split.length + TAIL_BYTES), 64) + SPARE_BYTES);
    this.data = this.buf.subarray(0, 0);
    try {
      if (split.start === 0) {
        this.base = 0;
        this.refill(0);
        this.firstLineOffset = 0;
      } else {
        // Reading from start - 1 tells whether `start` itself begins a line.
        this.base = split.start - 1;
        this.refill(0);
        let nl = this.data.indexOf(NL);
        while (nl < 0 && !this.eof) {
          this.refill(this.len);
          nl = this.data.indexOf(NL);
        }
        this.pos = nl < 0 ? this.len : nl + 1;
        this.firstLineOffset = this.base + this.pos;
      }
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
  }

  /**
   * Drops buf[0, keep), moves the rest to the front (growing buf when it is full) and reads more
   * after it. Indexes into buf shift down by `keep`; pos becomes 0.
   */
  refill(keep: number): void {
    const kept = this.len - keep;
    if (keep > 0) {
      this.buf.copy(this.buf, 0, keep, this.len);
      this.base += keep;
    } else if (kept === this.buf.length - SPARE_BYTES) {
      const grown = Buffer.allocUnsafeSlow(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, kept);
      this.buf = grown;
    }
    this.len = kept;
    this.pos = 0;
    const readAt = this.base + kept;
    const want = (readAt < this.end ? this.end - readAt : 0) + TAIL_BYTES;
    const n = readSync(this.fd, this.buf, kept, Math.min(want, this.buf.length - SPARE_BYTES - kept), readAt);
    if (n === 0) this.eof = true;
    this.len += n;
    this.data = this.buf.subarray(0, this.len);
  }

  /** Advances to the next owned line (blank ones included); false when the split has no more. */
  nextLine(): boolean {
    for (;;) {
      const start = this.pos;
      if (start === this.len && this.eof) return false;
      if (this.base + start >= this.end) return false;
      const nl = start < this.len ? this.data.indexOf(NL, start) : -1;
      if (nl < 0 && !this.eof) {
        this.refill(start);
        continue;
      }
      const stop = nl < 0 ? this.len : nl;
      this.lineStart = start;
      this.lineEnd = stop > start && this.buf[stop - 1] === CR ? stop - 1 : stop;
      this.lineOffset = this.base + start;
      this.pos = nl < 0 ? this.len : nl + 1;
      return true;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Spark skips lines that are empty after trimming (Java trim: bytes <= 0x20) and comment lines. */
export function isIgnoredLine(buf: Uint8Array, start: number, end: number, comment: number): boolean {
  if (start === end) return true;
  const first = buf[start];
  if (first === comment) return true;
  if (first > 0x20) return false;
  for (let i = start + 1; i < end; i++) if (buf[i] > 0x20) return false;
  return true;
}

/**
 * Where the line's content starts: past a UTF-8 byte order mark when the line opens the file
 * (Hadoop's reader drops it). The mark stays part of the first line for ownership.
 */
export function contentStart(buf: Uint8Array, start: number, end: number, lineOffset: number): number {
  return lineOffset === 0 && end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf ? start + 3 : start;
}
