/**
 * Reads one split of a CSV file into rows (Spark's CSVFileFormat reader with UnivocityParser).
 *
 * The hot loop makes one pass over the bytes, noting separator positions and whether the line
 * holds the quote character; lines without it (nearly all, in practice) are split right there,
 * lines with it go through the quoted-line tokenizer. Only required columns are decoded.
 */
import type { Row, Schema } from '../types.js';
import { firstRecordLine } from './first-record-line.js';
import { LineReader, isIgnoredLine } from './line-reader.js';
import { MalformedCsvError, lineNumberAt } from './malformed-error.js';
import type { CsvOptions } from './options.js';
import { TokenizedLine, tokenizeQuotedLine, type QuoteChars } from './quoted-line.js';
import { RecordConverter } from './record-converter.js';
import type { FileSplit } from './splits.js';

export interface ScanStats {
  /** Rows emitted. */
  recordsRead: number;
  /** Bytes of the lines this split owns, terminators, blank lines and header included. */
  bytesRead: number;
  /** Malformed records seen, kept (PERMISSIVE) or dropped (DROPMALFORMED). */
  malformed: number;
}

const NL = 10;
const CR = 13;

export function scanSplit(
  split: FileSplit,
  schema: Schema,
  options: CsvOptions,
  required: readonly number[] | null,
  onRow: (row: Row) => void,
  stats: ScanStats,
): void {
  const converter = new RecordConverter(schema, options, required);
  const sep = options.sep.charCodeAt(0);
  const quote = options.quote === '' ? -1 : options.quote.charCodeAt(0);
  const comment = options.comment === '' ? -1 : options.comment.charCodeAt(0);
  const chars: QuoteChars = {
    sep,
    quote,
    escape: options.escape === '' ? -1 : options.escape.charCodeAt(0),
    trimLeading: options.ignoreLeadingWhiteSpace,
    trimTrailing: options.ignoreTrailingWhiteSpace,
  };
  const failFast = options.mode === 'FAILFAST';
  const dropMalformed = options.mode === 'DROPMALFORMED';
  const width = schema.length;
  const seps = new Int32Array(Math.max(width, 1));
  const tokenized = new TokenizedLine();

  const reader = new LineReader(split);
  const headerOffset = options.header && reader.firstLineOffset < reader.end ? (firstRecordLine(split.path, comment)?.offset ?? -1) : -1;
  const end = reader.end;
  let ownedEnd = reader.firstLineOffset;
  try {
    let buf = reader.buf;
    let len = reader.len;
    let i = reader.pos;
    for (;;) {
      const lineStart = i;
      let nsep = 0;
      let hasQuote = false;
      for (; i < len; i++) {
        const b = buf[i];
        if (b === sep) {
          if (nsep < width) seps[nsep] = i;
          nsep++;
        } else if (b === NL) {
          break;
        } else if (b === quote) {
          hasQuote = true;
        }
      }
      if (i === len) {
        if (!reader.eof) {
          if (reader.base + lineStart >= end) break;
          reader.refill(lineStart); // the line straddles the chunk: rescan it from the front
          buf = reader.buf;
          len = reader.len;
          i = 0;
          continue;
        }
        if (lineStart === len) break;
      }
      const lineOffset = reader.base + lineStart;
      if (lineOffset >= end) break;
      let lineEnd = i;
      if (i < len) i++;
      ownedEnd = reader.base + i;
      if (lineEnd > lineStart && buf[lineEnd - 1] === CR) lineEnd--;
      if ((lineEnd === lineStart || buf[lineStart] <= 0x20 || buf[lineStart] === comment) && isIgnoredLine(buf, lineStart, lineEnd, comment)) continue;
      if (lineOffset === headerOffset) continue;

      let row: Row;
      if (hasQuote) {
        const n = tokenizeQuotedLine(buf, lineStart, lineEnd, chars, tokenized);
        row = converter.convert(tokenized.buf, 0, tokenized.len, tokenized.seps, n, tokenized.quoted);
      } else {
        row = converter.convert(buf, lineStart, lineEnd, seps, nsep + 1, null);
      }
      if (converter.malformed) {
        stats.malformed++;
        if (failFast) throw new MalformedCsvError(split.path, lineNumberAt(split.path, lineOffset), converter.reason);
        if (dropMalformed) continue;
      }
      stats.recordsRead++;
      onRow(row);
    }
  } finally {
    stats.bytesRead += Math.max(0, ownedEnd - reader.firstLineOffset);
    reader.close();
  }
}
