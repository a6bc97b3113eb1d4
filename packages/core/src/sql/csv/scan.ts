/**
 * Reads one split of a CSV file into rows (Spark's CSVFileFormat reader with UnivocityParser).
 *
 * The hot loop finds separators and line breaks four bytes at a time (SWAR: a word's bytes are
 * compared to both at once and only matching bytes are visited), and finds quote characters
 * with Buffer.indexOf, which runs natively and is called again only after a line holding one.
 * Lines without a quote are split right there; lines with one go through the quoted-line
 * tokenizer. Only required columns are decoded.
 */
import { endianness } from 'node:os';
import type { Row, Schema } from '../types.js';
import { firstRecordLine } from './first-record-line.js';
import { LineReader, contentStart, isIgnoredLine } from './line-reader.js';
import { MalformedCsvError, lineNumberAt } from './malformed-error.js';
import type { CsvOptions } from './options.js';
import { TokenizedLine, tokenizeQuotedLine, type QuoteChars } from './quoted-line.js';
import { RecordConverter, type PushedFilter } from './record-converter.js';
import type { FileSplit } from './splits.js';

export interface ScanStats {
  /** Records parsed (Spark's input records), including those a pushed filter dropped. */
  recordsRead: number;
  /** Bytes of the lines this split owns, terminators, blank lines and header included. */
  bytesRead: number;
  /** Malformed records seen, kept (PERMISSIVE) or dropped (DROPMALFORMED). */
  malformed: number;
}

const NL = 10;
const CR = 13;
const ONES = 0x01010101;
const HIGHS = 0x80808080 | 0;

export function scanSplit(
  split: FileSplit,
  schema: Schema,
  options: CsvOptions,
  required: readonly number[] | null,
  onRow: (row: Row) => void,
  stats: ScanStats,
  pushed: PushedFilter | null = null,
): void {
  // The word scan reads bytes in little-endian order (x86, ARM).
  if (endianness() !== 'LE') throw new Error('the CSV scanner needs a little-endian host');
  const scanner = new SplitScanner(split, schema, options, required, onRow, stats, pushed);
  const reader = new LineReader(split);
  try {
    scanner.run(reader);
  } finally {
    stats.bytesRead += Math.max(0, scanner.ownedEnd - reader.firstLineOffset);
    reader.close();
  }
}

class SplitScanner {
  /** File offset just past the last owned line seen. */
  ownedEnd = 0;
  private readonly converter: RecordConverter;
  private readonly sep: number;
  private readonly quote: number;
  private readonly comment: number;
  /** A byte that is neither separator nor line break, to pad the last word of a chunk. */
  private readonly pad: number;
  private readonly chars: QuoteChars;
  private readonly failFast: boolean;
  private readonly dropMalformed: boolean;
  private readonly seps: Int32Array;
  private readonly width: number;
  private readonly tokenized = new TokenizedLine();
  private headerOffset = -1;

  constructor(
    private readonly split: FileSplit,
    schema: Schema,
    private readonly options: CsvOptions,
    required: readonly number[] | null,
    private readonly onRow: (row: Row) => void,
    private readonly stats: ScanStats,
    pushed: PushedFilter | null,
  ) {
    this.converter = new RecordConverter(schema, options, required, pushed);
    this.sep = options.sep.charCodeAt(0);
    this.quote = options.quote === '' ? -1 : options.quote.charCodeAt(0);
    this.comment = options.comment === '' ? -1 : options.comment.charCodeAt(0);
    this.pad = [0, 1, 2].find((b) => b !== this.sep) ?? 0;
    this.chars = {
      sep: this.sep,
      quote: this.quote,
      escape: options.escape === '' ? -1 : options.escape.charCodeAt(0),
      trimLeading: options.ignoreLeadingWhiteSpace,
      trimTrailing: options.ignoreTrailingWhiteSpace,
    };
    this.failFast = options.mode === 'FAILFAST';
    this.dropMalformed = options.mode === 'DROPMALFORMED';
    this.width = schema.length;
    this.seps = new Int32Array(Math.max(this.width, 1));
  }

  run(reader: LineReader): void {
    this.ownedEnd = reader.firstLineOffset;
    if (reader.firstLineOffset >= reader.end) return;
    if (this.options.header) this.headerOffset = firstRecordLine(this.split.path, this.comment)?.offset ?? -1;
    const sep = this.sep;
    const sepWord = Math.imul(sep, ONES);
    const nlWord = Math.imul(NL, ONES);
    const seps = this.seps;
    const width = this.width;
    const end = reader.end;
    let buf = reader.buf;
    let words = new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2);
    let len = this.padTail(reader);
    let lineStart = reader.pos;
    let nextQuote = this.findQuote(buf, len, lineStart);
    let nsep = 0;
    let wi = lineStart >> 2;
    let lastWord = (len + 3) >> 2;
    // Words at or past lastWord hold stale bytes: never test them.
    let mask = wi < lastWord ? wordMask(words[wi], sepWord, nlWord) & (-1 << ((lineStart & 3) << 3)) : 0;
    for (;;) {
      while (mask === 0 && ++wi < lastWord) mask = wordMask(words[wi], sepWord, nlWord);
      if (mask === 0) {
        // End of the chunk: lineStart begins a line that has no '\n' in the buffer yet.
        if (reader.base + lineStart >= end) return;
        if (reader.eof) {
          this.ownedEnd = reader.base + len;
          if (lineStart < len) this.line(buf, lineStart, len, len, nsep, nextQuote < len, reader.base);
          return;
        }
        reader.refill(lineStart);
        if (reader.buf !== buf) {
          buf = reader.buf;
          words = new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2);
        }
        len = this.padTail(reader);
        lineStart = 0;
        nsep = 0;
        nextQuote = this.findQuote(buf, len, 0);
        wi = 0;
        lastWord = (len + 3) >> 2;
        mask = lastWord > 0 ? wordMask(words[0], sepWord, nlWord) : 0;
        continue;
      }
      const bit = mask & -mask;
      mask ^= bit;
      const p = (wi << 2) + ((31 - Math.clz32(bit)) >> 3);
      const b = buf[p];
      if (b === sep) {
        if (nsep < width) seps[nsep] = p;
        nsep++;
      } else if (b === NL) {
        if (reader.base + lineStart >= end) return;
        const hasQuote = nextQuote < p;
        this.line(buf, lineStart, p, p + 1, nsep, hasQuote, reader.base);
        if (hasQuote) nextQuote = this.findQuote(buf, len, p + 1);
        lineStart = p + 1;
        nsep = 0;
      }
      // Anything else is a false positive of the word test.
    }
  }

  /** One owned line, buf[start, stop) with its terminator ending at `next`. */
  private line(buf: Buffer, lineStart: number, stop: number, next: number, nsep: number, hasQuote: boolean, base: number): void {
    this.ownedEnd = base + next;
    const end = stop > lineStart && buf[stop - 1] === CR ? stop - 1 : stop;
    const start = base + lineStart === 0 ? contentStart(buf, lineStart, end, 0) : lineStart;
    if ((end === start || buf[start] <= 0x20 || buf[start] === this.comment) && isIgnoredLine(buf, start, end, this.comment)) return;
    if (base + lineStart === this.headerOffset) return;
    const converter = this.converter;
    let row: Row;
    if (hasQuote) {
      const t = this.tokenized;
      const n = tokenizeQuotedLine(buf, start, end, this.chars, t);
      row = converter.convert(t.buf, 0, t.len, t.seps, n, t.quoted);
    } else {
      row = converter.convert(buf, start, end, this.seps, nsep + 1, null);
    }
    if (converter.malformed) {
      this.stats.malformed++;
      if (this.failFast) throw new MalformedCsvError(this.split.path, lineNumberAt(this.split.path, base + lineStart), converter.reason);
      if (this.dropMalformed) return;
    }
    // Spark counts every record it parsed as read, kept by the filter or not.
    this.stats.recordsRead++;
    if (!converter.filteredOut) this.onRow(row);
  }

  /** Fills the rest of the last word with a byte the word test never matches; returns len. */
  private padTail(reader: LineReader): number {
    const len = reader.len;
    for (let k = len; k < ((len + 3) & ~3); k++) reader.buf[k] = this.pad;
    return len;
  }

  /** The next quote character at or after `from`, or len when the chunk has none. */
  private findQuote(buf: Buffer, len: number, from: number): number {
    if (this.quote < 0 || from >= len) return len;
    const q = buf.indexOf(this.quote, from);
    return q < 0 || q > len ? len : q;
  }
}

/** High bit set in each byte equal to the separator or '\n' (and possibly in bytes after one: callers check). */
function wordMask(v: number, sepWord: number, nlWord: number): number {
  const a = v ^ sepWord;
  const b = v ^ nlWord;
  return (((a - ONES) & ~a) | ((b - ONES) & ~b)) & HIGHS;
}
