/**
 * The user's `timestampFormat`, a subset of java.time's DateTimeFormatter patterns as Spark 3
 * reads them: y/u M d H h a m s S (1..n fraction digits), offsets X x Z, zone names z/V (fixed
 * zones only, see timestamp.ts), 'quoted' literals, other symbols as literals, [optional] parts.
 * Compiled once per scan into plain data; other letters raise CsvOptionError.
 */
import { BAD, type Bad } from './field-parsers.js';
import { CsvOptionError } from './option-error.js';
import { civilToMicros, parseZone } from './timestamp.js';

type NumericField = 'year' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'fraction';

export type PatternToken =
  | { readonly kind: 'literal'; readonly bytes: readonly number[] }
  | { readonly kind: 'number'; readonly field: NumericField; readonly min: number; max: number; readonly twoDigitYear: boolean }
  | { readonly kind: 'ampm' }
  | { readonly kind: 'offset'; readonly colon: boolean; readonly minutes: 'optional' | 'required'; readonly zulu: boolean }
  | { readonly kind: 'zoneName' }
  | { readonly kind: 'optional'; readonly tokens: PatternToken[] };

const NUMERIC_LETTERS: Readonly<Record<string, NumericField>> = {
  y: 'year',
  u: 'year',
  M: 'month',
  L: 'month',
  d: 'day',
  H: 'hour',
  h: 'hour12',
  m: 'minute',
  s: 'second',
  S: 'fraction',
};

export function compileTimestampFormat(pattern: string): PatternToken[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new CsvOptionError(`Option timestampFormat ${JSON.stringify(pattern)}: ${why}`);
  };
  const section = (nested: boolean): PatternToken[] => {
    const tokens: PatternToken[] = [];
    while (i < pattern.length) {
      const c = pattern[i];
      if (c === ']') {
        if (!nested) fail(`unmatched ']' at ${i}`);
        i++;
        return fixAdjacentWidths(tokens);
      }
      if (c === '[') {
        i++;
        tokens.push({ kind: 'optional', tokens: section(true) });
        continue;
      }
      if (c === "'") {
        const close = pattern.indexOf("'", i + 1);
        if (close < 0) fail(`unterminated quote at ${i}`);
        const text = close === i + 1 ? "'" : pattern.slice(i + 1, close);
        tokens.push({ kind: 'literal', bytes: [...Buffer.from(text, 'utf8')] });
        i = close + 1;
        continue;
      }
      let n = 1;
      while (pattern[i + n] === c) n++;
      i += n;
      if (!/[A-Za-z]/.test(c)) {
        tokens.push({ kind: 'literal', bytes: [...Buffer.from(c.repeat(n), 'utf8')] });
        continue;
      }
      tokens.push(letterToken(c, n, fail));
    }
    if (nested) fail("unmatched '['");
    return fixAdjacentWidths(tokens);
  };
  return section(false);
}

function letterToken(c: string, n: number, fail: (why: string) => never): PatternToken {
  const field = NUMERIC_LETTERS[c];
  if (field === 'fraction') return n > 9 ? fail('at most 9 S') : { kind: 'number', field, min: 1, max: n, twoDigitYear: false };
  if (field === 'year') {
    return n === 2 ? { kind: 'number', field, min: 2, max: 2, twoDigitYear: true } : { kind: 'number', field, min: n, max: Math.max(n, 6), twoDigitYear: false };
  }
  if (field !== undefined) return n > 2 ? fail(`'${c.repeat(n)}' (text months and days are not supported)`) : { kind: 'number', field, min: n, max: 2, twoDigitYear: false };
  switch (c) {
    case 'a':
      return { kind: 'ampm' };
    case 'X':
    case 'x':
      if (n > 3) return fail(`'${c.repeat(n)}' is not supported`);
      return { kind: 'offset', colon: n === 3, minutes: n === 1 ? 'optional' : 'required', zulu: c === 'X' };
    case 'Z':
      if (n === 4) return fail("'ZZZZ' is not supported");
      return n === 5 ? { kind: 'offset', colon: true, minutes: 'required', zulu: true } : { kind: 'offset', colon: false, minutes: 'required', zulu: false };
    case 'z':
    case 'V':
      return { kind: 'zoneName' };
    default:
      return fail(`pattern letter '${c}' is not supported`);
  }
}

/** Like java.time's adjacent value parsing: a number directly followed by another takes exactly its width. */
function fixAdjacentWidths(tokens: PatternToken[]): PatternToken[] {
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'number' && tokens[k + 1].kind === 'number') t.max = Math.max(t.min, t.field === 'fraction' ? t.max : t.min);
  }
  return tokens;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  hour12: number;
  pm: number;
  minute: number;
  second: number;
  micros: number;
  offset: number | null;
}

export function parseWithPattern(tokens: readonly PatternToken[], buf: Uint8Array, s: number, e: number, defaultOffsetSeconds: number): number | Bad {
  const f: Fields = { year: 1970, month: 1, day: 1, hour: 0, hour12: -1, pm: -1, minute: 0, second: 0, micros: 0, offset: null };
  if (match(tokens, buf, s, e, f) !== e) return BAD;
  let hour = f.hour;
  if (f.hour12 >= 0) {
    if (f.hour12 < 1 || f.hour12 > 12) return BAD;
    hour = (f.hour12 % 12) + (f.pm === 1 ? 12 : 0);
  }
  return civilToMicros(f.year, f.month, f.day, hour, f.minute, f.second, f.micros, f.offset ?? defaultOffsetSeconds);
}

/** Returns the position after the match, or -1. */
function match(tokens: readonly PatternToken[], buf: Uint8Array, at: number, e: number, f: Fields): number {
  let i = at;
  for (const t of tokens) {
    if (t.kind === 'literal') {
      if (e - i < t.bytes.length) return -1;
      for (let k = 0; k < t.bytes.length; k++) if (buf[i + k] !== t.bytes[k]) return -1;
      i += t.bytes.length;
    } else if (t.kind === 'number') {
      let v = 0;
      let n = 0;
      while (i + n < e && n < t.max && buf[i + n] >= 0x30 && buf[i + n] <= 0x39) v = v * 10 + (buf[i + n++] - 0x30);
      if (n < t.min) return -1;
      i += n;
      if (t.field === 'fraction') f.micros = n <= 6 ? v * 10 ** (6 - n) : Math.floor(v / 10 ** (n - 6));
      else if (t.field === 'year') f.year = t.twoDigitYear ? 2000 + v : v;
      else f[t.field] = v;
    } else if (t.kind === 'ampm') {
      if (e - i < 2 || (buf[i + 1] | 0x20) !== 0x6d) return -1;
      const c = buf[i] | 0x20;
      if (c !== 0x61 && c !== 0x70) return -1;
      f.pm = c === 0x70 ? 1 : 0;
      i += 2;
    } else if (t.kind === 'offset') {
      const end = offsetEnd(t, buf, i, e);
      if (end < 0) return -1;
      const off = parseZone(buf, i, end);
      if (off === BAD) return -1;
      f.offset = off;
      i = end;
    } else if (t.kind === 'zoneName') {
      let end = i;
      while (end < e && isZoneByte(buf[end])) end++;
      const off = parseZone(buf, i, end);
      if (off === BAD) return -1;
      f.offset = off;
      i = end;
    } else {
      const saved = { ...f };
      const end = match(t.tokens, buf, i, e, f);
      if (end < 0) Object.assign(f, saved);
      else i = end;
    }
  }
  return i;
}

/** Where an offset of the token's shape ends, or -1. */
function offsetEnd(t: Extract<PatternToken, { kind: 'offset' }>, buf: Uint8Array, i: number, e: number): number {
  if (t.zulu && i < e && buf[i] === 0x5a) return i + 1;
  if (i >= e || (buf[i] !== 0x2b && buf[i] !== 0x2d)) return -1;
  const isDigit = (k: number): boolean => k < e && buf[k] >= 0x30 && buf[k] <= 0x39;
  if (!isDigit(i + 1) || !isDigit(i + 2)) return -1;
  let end = i + 3;
  const m = t.colon ? (buf[end] === 0x3a ? end + 1 : -1) : end;
  if (m >= 0 && isDigit(m) && isDigit(m + 1)) end = m + 2;
  else if (t.minutes === 'required') return -1;
  return end;
}

function isZoneByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2b || b === 0x2d || b === 0x3a || b === 0x2f || b === 0x5f;
}
