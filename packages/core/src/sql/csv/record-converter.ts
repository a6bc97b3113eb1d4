/**
 * Turns one tokenized record into a Row, converting only the required columns (column pruning:
 * the rest stay null and are never decoded). Fields are addressed the fast path's way: field c
 * spans [c === 0 ? start : seps[c - 1] + 1, c === last ? end : seps[c]).
 *
 * Null rules follow Spark with univocity: an empty unquoted field is null whatever nullValue is
 * (univocity hands Spark nullValue for it); a field equal to nullValue is null for every type; an
 * empty quoted field is "" unless nullValue is "".
 */
import { simpleString, type Row, type Schema, type Value } from '../types.js';
import { BAD, decodeText, parseBoolean, parseDouble, parseInt32, parseInt64, type DoubleSpecials } from './field-parsers.js';
import type { CsvOptions } from './options.js';
import { CsvInputError } from './splits.js';
import { RepeatCache } from './repeat-cache.js';
import { parseTimestamp } from './timestamp.js';
import { compileTimestampFormat, parseWithPattern, type PatternToken } from './timestamp-format.js';

const INT = 0;
const BIGINT = 1;
const DOUBLE = 2;
const BOOLEAN = 3;
const TIMESTAMP = 4;
const STRING = 5;
const TYPE_CODES: Readonly<Record<string, number>> = { int: INT, bigint: BIGINT, double: DOUBLE, boolean: BOOLEAN, timestamp: TIMESTAMP, string: STRING };

/** Longest field value quoted in an error message. */
const MAX_QUOTED_VALUE = 80;

/**
 * A filter evaluated while parsing (Spark's CSV filter pushdown): its columns are converted first and a
 * record that fails it is dropped before the other columns are decoded.
 */
export interface PushedFilter {
  readonly columns: readonly number[];
  readonly test: (row: Row) => boolean;
}

export class RecordConverter {
  /** After convert(): whether the record was malformed. */
  malformed = false;
  /** After convert(): whether the pushed filter rejected the record (its row is incomplete then). */
  filteredOut = false;
  /** After convert() of a malformed record, when explaining: why, for the FAILFAST message. */
  reason = '';
  private readonly width: number;
  private readonly codes: Uint8Array;
  private readonly required: Int32Array;
  private readonly template: Value[];
  private readonly strings: RepeatCache<string>[] = [];
  private readonly longs: RepeatCache<number | bigint | typeof BAD>[] = [];
  private readonly nullValue: Buffer;
  private readonly specials: DoubleSpecials;
  private readonly zoneOffset: number;
  private readonly pattern: PatternToken[] | null;
  private readonly trim: boolean;
  private readonly trimLeading: boolean;
  private readonly trimTrailing: boolean;
  /** FAILFAST wants the reason; DROPMALFORMED and FAILFAST need no values of a bad-width record. */
  private readonly explain: boolean;
  private readonly skipBadWidth: boolean;
  /** The pushed filter's columns, then the other required ones: the order fields are converted in. */
  private readonly order: Int32Array;
  private readonly filterFields: number;
  private readonly filter: ((row: Row) => boolean) | null;

  constructor(
    private readonly schema: Schema,
    options: CsvOptions,
    required: readonly number[] | null,
    pushed: PushedFilter | null = null,
  ) {
    this.width = schema.length;
    this.codes = Uint8Array.from(schema, (f) => {
      const code = typeof f.type === 'string' ? TYPE_CODES[f.type] : undefined;
      if (code === undefined) throw new CsvInputError(`CSV data source does not support ${simpleString(f.type)} data type.`);
      return code;
    });
    this.required = Int32Array.from(requiredColumns(required, this.width));
    this.template = new Array<Value>(this.width).fill(null);
    for (let c = 0; c < this.width; c++) {
      if (this.codes[c] === STRING) this.strings[c] = new RepeatCache(decodeText);
      if (this.codes[c] === BIGINT) this.longs[c] = new RepeatCache(parseInt64);
    }
    this.nullValue = Buffer.from(options.nullValue, 'utf8');
    this.specials = options;
    this.zoneOffset = options.timeZoneOffsetSeconds;
    this.pattern = options.timestampFormat === undefined ? null : compileTimestampFormat(options.timestampFormat);
    this.trimLeading = options.ignoreLeadingWhiteSpace;
    this.trimTrailing = options.ignoreTrailingWhiteSpace;
    this.trim = this.trimLeading || this.trimTrailing;
    this.explain = options.mode === 'FAILFAST';
    this.skipBadWidth = options.mode !== 'PERMISSIVE';
    // FAILFAST and DROPMALFORMED must see every field of every record, so they get no pushdown.
    const usable = pushed !== null && options.mode === 'PERMISSIVE' && pushed.columns.every((c) => this.required.includes(c));
    const first = usable ? [...new Set(pushed.columns)].sort((a, b) => a - b) : [];
    this.order = Int32Array.from([...first, ...[...this.required].filter((c) => !first.includes(c))]);
    this.filterFields = first.length;
    this.filter = usable ? pushed.test : null;
  }

  /** `quoted` is null for fast-path records (no field was quoted). */
  convert(src: Buffer, start: number, end: number, seps: Int32Array, nFields: number, quoted: Uint8Array | null): Row {
    const row = this.template.slice();
    const width = this.width;
    let bad = nFields !== width;
    if (bad) {
      if (this.explain) this.reason = `expected ${width} fields, found ${nFields}`;
      if (this.skipBadWidth) {
        this.malformed = true;
        return row;
      }
    }
    const order = this.order;
    const last = nFields - 1;
    this.filteredOut = false;
    for (let k = 0; k < order.length; k++) {
      if (k === this.filterFields && this.filter !== null && !this.filter(row)) {
        this.filteredOut = true;
        break;
      }
      const c = order[k];
      if (c > last) continue; // a missing token stays null
      let s = c === 0 ? start : seps[c - 1] + 1;
      let e = c === last ? end : seps[c];
      if (this.trim && quoted === null) {
        if (this.trimLeading) while (s < e && src[s] <= 0x20) s++;
        if (this.trimTrailing) while (e > s && src[e - 1] <= 0x20) e--;
      }
      if (s === e && (quoted === null || quoted[c] === 0 || this.nullValue.length === 0)) continue;
      if (e - s === this.nullValue.length && this.isNullValue(src, s)) continue;
      const v = this.field(c, src, s, e);
      if (v !== BAD) {
        row[c] = v;
      } else if (!bad) {
        bad = true;
        if (this.explain) {
          this.reason = `field ${JSON.stringify(this.schema[c].name)} value ${quoteValue(decodeText(src, s, e))} is not ${article(simpleString(this.schema[c].type))}`;
          break;
        }
      }
    }
    // Every required column was a filter column: test once they are all converted.
    if (this.filter !== null && this.filterFields === order.length && !this.filter(row)) this.filteredOut = true;
    this.malformed = bad;
    return row;
  }

  private field(c: number, src: Buffer, s: number, e: number): Value | typeof BAD {
    switch (this.codes[c]) {
      case STRING:
        return this.strings[c].get(src, s, e);
      case INT:
        return parseInt32(src, s, e);
      case BIGINT:
        return this.longs[c].get(src, s, e);
      case DOUBLE:
        return parseDouble(src, s, e, this.specials);
      case BOOLEAN:
        return parseBoolean(src, s, e);
      default:
        return this.pattern === null ? parseTimestamp(src, s, e, this.zoneOffset) : parseWithPattern(this.pattern, src, s, e, this.zoneOffset);
    }
  }

  private isNullValue(src: Buffer, s: number): boolean {
    const nv = this.nullValue;
    for (let k = 0; k < nv.length; k++) if (src[s + k] !== nv[k]) return false;
    return true;
  }
}

/** Sorted, de-duplicated column indexes; null means all. */
function requiredColumns(required: readonly number[] | null, width: number): number[] {
  if (required === null) return Array.from({ length: width }, (_, i) => i);
  for (const c of required) {
    if (!Number.isInteger(c) || c < 0 || c >= width) throw new RangeError(`required column ${c} is outside the schema's ${width} columns`);
  }
  return [...new Set(required)].sort((a, b) => a - b);
}

function quoteValue(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED_VALUE ? `${text.slice(0, MAX_QUOTED_VALUE - 3)}...` : text);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
