/**
 * Header names and schema inference, after Spark's CSVDataSource.makeSafeHeader and
 * CSVInferSchema. Inference runs per split (so executors can do it) and the per-split results
 * merge in any order. Each field is tried as int, bigint, double, timestamp, boolean, else
 * string, starting from the type found so far, so types only widen. Differences from Spark:
 * integers beyond bigint become double (no decimal type here); dates infer as timestamp (no date
 * type); merging incompatible split results gives string where Spark gives null.
 */
import { field, type DataType, type Schema } from '../types.js';
import { BAD, decodeText, isInt64, parseBoolean, parseDouble, parseInt32 } from './field-parsers.js';
import { firstRecordLine } from './first-record-line.js';
import { LineReader, contentStart, isIgnoredLine } from './line-reader.js';
import type { CsvOptions } from './options.js';
import { TokenizedLine, tokenizeQuotedLine, type QuoteChars } from './quoted-line.js';
import type { FileSplit } from './splits.js';
import { parseTimestamp } from './timestamp.js';
import { compileTimestampFormat, parseWithPattern, type PatternToken } from './timestamp-format.js';

export type InferredType = DataType | 'null';

/**
 * Column names from the file's first record line (blank and comment lines skipped): with
 * header=true made safe as Spark does, otherwise `_c0`, `_c1`, ... one per field of that line.
 * An empty file has no columns.
 */
export function readHeader(path: string, options: CsvOptions): string[] {
  const line = firstRecordLine(path, charCode(options.comment));
  if (line === null) return [];
  const tokenized = new TokenizedLine();
  const n = tokenizeQuotedLine(line.bytes, 0, line.bytes.length, quoteChars(options), tokenized);
  const names: string[] = [];
  for (let c = 0; c < n; c++) {
    const s = c === 0 ? 0 : tokenized.seps[c - 1] + 1;
    const e = c === n - 1 ? tokenized.len : tokenized.seps[c];
    names.push(decodeText(tokenized.buf, s, e));
  }
  return options.header ? makeSafeHeader(names, options.nullValue) : names.map((_, i) => `_c${i}`);
}

/** Empty (or nullValue) names become `_c<i>`; case-insensitive duplicates get their index appended. */
export function makeSafeHeader(names: readonly string[], nullValue: string): string[] {
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
  return names.map((name, i) => {
    if (name === '' || name === nullValue) return `_c${i}`;
    return (seen.get(name.toLowerCase()) ?? 0) > 1 ? `${name}${i}` : name;
  });
}

/** The types of the split's records; all 'string' without inferSchema (nothing is read). */
export function inferSplitTypes(split: FileSplit, numColumns: number, options: CsvOptions): InferredType[] {
  const types = new Array<InferredType>(numColumns).fill(options.inferSchema ? 'null' : 'string');
  if (!options.inferSchema || numColumns === 0) return types;
  const infer = new FieldInference(options);
  const chars = quoteChars(options);
  const comment = charCode(options.comment);
  const seps = new Int32Array(numColumns);
  const tokenized = new TokenizedLine();
  const reader = new LineReader(split);
  try {
    const headerOffset = options.header && reader.firstLineOffset < reader.end ? (firstRecordLine(split.path, comment)?.offset ?? -1) : -1;
    while (reader.nextLine()) {
      const { buf, lineEnd } = reader;
      const lineStart = contentStart(buf, reader.lineStart, lineEnd, reader.lineOffset);
      if (isIgnoredLine(buf, lineStart, lineEnd, comment) || reader.lineOffset === headerOffset) continue;
      let nsep = 0;
      let hasQuote = false;
      for (let i = lineStart; i < lineEnd; i++) {
        const b = buf[i];
        if (b === chars.sep) {
          if (nsep < numColumns) seps[nsep] = i;
          nsep++;
        } else if (b === chars.quote) {
          hasQuote = true;
        }
      }
      if (hasQuote) {
        const n = tokenizeQuotedLine(buf, lineStart, lineEnd, chars, tokenized);
        infer.record(types, tokenized.buf, 0, tokenized.len, tokenized.seps, n, tokenized.quoted);
      } else {
        infer.record(types, buf, lineStart, lineEnd, seps, nsep + 1, null);
      }
    }
  } finally {
    reader.close();
  }
  return types;
}

/** Spark's compatibleType for the types here: numeric widening, null yields, anything else is string. */
export function compatibleType(a: InferredType, b: InferredType): InferredType {
  if (a === b) return a;
  if (a === 'null') return b;
  if (b === 'null') return a;
  if ((a === 'int' && b === 'bigint') || (a === 'bigint' && b === 'int')) return 'bigint';
  if (isNumber(a) && isNumber(b)) return 'double';
  return 'string';
}

export function mergeInferredTypes(a: readonly InferredType[], b: readonly InferredType[]): InferredType[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => compatibleType(a[i] ?? 'null', b[i] ?? 'null'));
}

/** A column never seen non-null is string; every field is nullable. */
export function finalizeSchema(names: readonly string[], types: readonly InferredType[]): Schema {
  return names.map((name, i) => {
    const t = types[i] ?? 'null';
    return field(name, t === 'null' ? 'string' : t, true);
  });
}

class FieldInference {
  private readonly nullValue: Buffer;
  private readonly pattern: PatternToken[] | null;
  private readonly trimLeading: boolean;
  private readonly trimTrailing: boolean;

  constructor(private readonly options: CsvOptions) {
    this.nullValue = Buffer.from(options.nullValue, 'utf8');
    this.pattern = options.timestampFormat === undefined ? null : compileTimestampFormat(options.timestampFormat);
    this.trimLeading = options.ignoreLeadingWhiteSpace;
    this.trimTrailing = options.ignoreTrailingWhiteSpace;
  }

  /** Widens types[c] by each field; extra fields are ignored, missing ones leave types alone. */
  record(types: InferredType[], src: Buffer, start: number, end: number, seps: Int32Array, nFields: number, quoted: Uint8Array | null): void {
    const n = Math.min(types.length, nFields);
    for (let c = 0; c < n; c++) {
      const soFar = types[c];
      if (soFar === 'string') continue;
      let s = c === 0 ? start : seps[c - 1] + 1;
      let e = c === nFields - 1 ? end : seps[c];
      if (quoted === null) {
        if (this.trimLeading) while (s < e && src[s] <= 0x20) s++;
        if (this.trimTrailing) while (e > s && src[e - 1] <= 0x20) e--;
      }
      if (s === e || (e - s === this.nullValue.length && this.nullValue.equals(src.subarray(s, e)))) continue;
      types[c] = compatibleType(soFar, this.fieldType(soFar, src, s, e));
    }
  }

  /** Spark's inferField: tries int, bigint, double, timestamp, boolean, starting at the type so far. */
  private fieldType(soFar: InferredType, src: Buffer, s: number, e: number): InferredType {
    const from = FIRST_TRY[typeof soFar === 'string' ? soFar : 'string'];
    if (from === undefined) return 'string';
    if (from <= 0 && parseInt32(src, s, e) !== BAD) return 'int';
    if (from <= 1 && isInt64(src, s, e)) return 'bigint';
    if (from <= 2 && parseDouble(src, s, e, this.options) !== BAD) return 'double';
    if (from <= 3) {
      const ts = this.pattern === null ? parseTimestamp(src, s, e, 0) : parseWithPattern(this.pattern, src, s, e, 0);
      if (ts !== BAD) return 'timestamp';
    }
    return parseBoolean(src, s, e) !== BAD ? 'boolean' : 'string';
  }
}

/** Where inferField's chain of attempts starts for each type so far; string is final. */
const FIRST_TRY: Readonly<Record<string, number>> = { null: 0, int: 0, bigint: 1, double: 2, timestamp: 3, boolean: 4 };

function isNumber(t: InferredType): boolean {
  return t === 'int' || t === 'bigint' || t === 'double';
}

function charCode(c: string): number {
  return c === '' ? -1 : c.charCodeAt(0);
}

function quoteChars(options: CsvOptions): QuoteChars {
  return {
    sep: options.sep.charCodeAt(0),
    quote: charCode(options.quote),
    escape: charCode(options.escape),
    trimLeading: options.ignoreLeadingWhiteSpace,
    trimTrailing: options.ignoreTrailingWhiteSpace,
  };
}
