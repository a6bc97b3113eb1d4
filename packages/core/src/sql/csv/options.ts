/**
 * Options of the CSV source, read from the user's string map the way Spark's CSVOptions does:
 * names are case-insensitive, unknown names are ignored, and the result is plain data so it
 * crosses thread and process boundaries unchanged.
 */
import { CsvOptionError } from './option-error.js';
import { compileTimestampFormat } from './timestamp-format.js';

export { CsvOptionError };

export type ParseMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

export const PARSE_MODES: readonly ParseMode[] = ['PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'];

export interface CsvOptions {
  readonly header: boolean;
  readonly inferSchema: boolean;
  /** One ASCII character. */
  readonly sep: string;
  /** One ASCII character, or '' when quoting is turned off (Spark's `quote=""`). */
  readonly quote: string;
  /** One ASCII character, or '' for none. */
  readonly escape: string;
  /** Lines starting with this character are skipped; '' for none (the default). */
  readonly comment: string;
  readonly mode: ParseMode;
  readonly nullValue: string;
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
  readonly ignoreLeadingWhiteSpace: boolean;
  readonly ignoreTrailingWhiteSpace: boolean;
  /** A java.time-style pattern; when absent, Spark's default timestamp grammar applies. */
  readonly timestampFormat?: string;
  /** Offset applied to timestamps that carry no zone, from the `timeZone` option. Default 0 (UTC). */
  readonly timeZoneOffsetSeconds: number;
}


export const DEFAULT_CSV_OPTIONS: CsvOptions = {
  header: false,
  inferSchema: false,
  sep: ',',
  quote: '"',
  escape: '\\',
  comment: '',
  mode: 'PERMISSIVE',
  nullValue: '',
  nanValue: 'NaN',
  positiveInf: 'Inf',
  negativeInf: '-Inf',
  ignoreLeadingWhiteSpace: false,
  ignoreTrailingWhiteSpace: false,
  timeZoneOffsetSeconds: 0,
};

export function parseCsvOptions(raw: Readonly<Record<string, string>>): CsvOptions {
  const opts = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) opts.set(name.toLowerCase(), value);
  const get = (name: string): string | undefined => opts.get(name.toLowerCase());
  const d = DEFAULT_CSV_OPTIONS;

  if (bool(get, 'multiLine', false)) throw new CsvOptionError('Option multiLine=true is not supported by this CSV source');
  checkEncoding(get('encoding') ?? get('charset'));
  checkLineSep(get('lineSep'));

  const sepRaw = get('sep') ?? get('delimiter');
  const timestampFormat = get('timestampFormat');
  const timeZone = get('timeZone');
  if (timestampFormat !== undefined) compileTimestampFormat(timestampFormat); // fail at read time, not per row
  return {
    header: bool(get, 'header', d.header),
    inferSchema: bool(get, 'inferSchema', d.inferSchema),
    sep: sepRaw === undefined ? d.sep : ascii('sep', delimiterChar(sepRaw)),
    quote: ascii('quote', oneChar('quote', get('quote'), d.quote)),
    escape: ascii('escape', oneChar('escape', get('escape'), d.escape)),
    comment: ascii('comment', oneChar('comment', get('comment'), d.comment)),
    mode: parseMode(get('mode')),
    nullValue: get('nullValue') ?? d.nullValue,
    nanValue: get('nanValue') ?? d.nanValue,
    positiveInf: get('positiveInf') ?? d.positiveInf,
    negativeInf: get('negativeInf') ?? d.negativeInf,
    ignoreLeadingWhiteSpace: bool(get, 'ignoreLeadingWhiteSpace', d.ignoreLeadingWhiteSpace),
    ignoreTrailingWhiteSpace: bool(get, 'ignoreTrailingWhiteSpace', d.ignoreTrailingWhiteSpace),
    ...(timestampFormat === undefined ? {} : { timestampFormat }),
    timeZoneOffsetSeconds: timeZone === undefined ? 0 : fixedZoneOffset(timeZone),
  };
}

function bool(get: (name: string) => string | undefined, name: string, fallback: boolean): boolean {
  const value = get(name);
  if (value === undefined) return fallback;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new CsvOptionError(`Option ${name} must be true or false, got ${JSON.stringify(value)}`);
}

function parseMode(value: string | undefined): ParseMode {
  if (value === undefined) return 'PERMISSIVE';
  const upper = value.toUpperCase();
  const mode = PARSE_MODES.find((m) => m === upper);
  if (mode === undefined) {
    throw new CsvOptionError(`Option mode must be one of ${PARSE_MODES.join(', ')} (case-insensitive), got ${JSON.stringify(value)}`);
  }
  return mode;
}

/** Spark's getChar: '' turns the feature off, longer values are an error. */
function oneChar(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (value.length > 1) throw new CsvOptionError(`Option ${name} must be a single character or empty, got ${JSON.stringify(value)}`);
  return value;
}

/** Spark's CSVExprUtils.toChar: one character, or a backslash escape such as `\t`. */
function delimiterChar(value: string): string {
  if (value.length === 0) throw new CsvOptionError('Option sep (delimiter) cannot be an empty string');
  if (value.length === 1) {
    if (value === '\\') {
      throw new CsvOptionError('Option sep (delimiter) cannot be a single backslash; pass "\\\\" for a backslash');
    }
    return value;
  }
  const escapes: Record<string, string> = { '\\t': '\t', '\\r': '\r', '\\b': '\b', '\\f': '\f', '\\"': '"', "\\'": "'", '\\\\': '\\', '\\u0000': '\u0000' };
  const mapped = escapes[value];
  if (mapped !== undefined) return mapped;
  throw new CsvOptionError(`Option sep (delimiter) must be one character or an escape like \\t, got ${JSON.stringify(value)} (multi-character separators are not supported)`);
}

/** The scanner works on bytes, so its special characters must each be one byte in UTF-8. */
function ascii(name: string, value: string): string {
  if (value.length === 1 && value.charCodeAt(0) > 0x7f) {
    throw new CsvOptionError(`Option ${name} must be an ASCII character, got ${JSON.stringify(value)}`);
  }
  if (name === 'sep' && (value === '\n' || value === '\r')) throw new CsvOptionError('Option sep cannot be a line break');
  return value;
}

function checkEncoding(value: string | undefined): void {
  if (value === undefined) return;
  const v = value.toLowerCase().replace(/[-_]/g, '');
  if (v !== 'utf8' && v !== 'usascii' && v !== 'ascii') {
    throw new CsvOptionError(`Option encoding must be UTF-8 (or US-ASCII), got ${JSON.stringify(value)}`);
  }
}

function checkLineSep(value: string | undefined): void {
  if (value === undefined || value === '\n' || value === '\r\n') return;
  throw new CsvOptionError(`Option lineSep must be "\\n" or "\\r\\n" here, got ${JSON.stringify(value)}`);
}

/** `UTC`, `GMT`, `Z` or a fixed offset like `+02:00`; region ids need a tz database we do not carry. */
function fixedZoneOffset(value: string): number {
  const v = value.trim();
  const m = /^(?:(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?|UTC|GMT|UT|Z)$/i.exec(v);
  if (m === null) {
    throw new CsvOptionError(`Option timeZone must be UTC, GMT, Z or a fixed offset like +02:00, got ${JSON.stringify(value)}`);
  }
  if (m[1] === undefined) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60;
  if (seconds > 18 * 3600) throw new CsvOptionError(`Option timeZone offset must be within ±18:00, got ${JSON.stringify(value)}`);
  return m[1] === '-' ? -seconds : seconds;
}
