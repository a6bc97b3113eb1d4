/**
 * Parsers for int, bigint, double and boolean fields, straight from the line's bytes so the hot
 * path allocates no strings. They accept what Java's Integer.parseInt, Long.parseLong,
 * Double.parseDouble and Scala's toBoolean accept (Spark's UnivocityParser uses those), except
 * Java's non-ASCII digits and hexadecimal floats. Each returns BAD instead of throwing.
 */

export const BAD: unique symbol = Symbol('bad field');
export type Bad = typeof BAD;

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
/** 15 decimal digits always fit a double's 53-bit mantissa exactly. */
const EXACT_DIGITS = 15;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Exact powers of ten; a mantissa below 2^53 divided by one is correctly rounded (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function parseInt32(buf: Uint8Array, s: number, e: number): number | Bad {
  let i = s;
  let neg = false;
  if (i < e && (buf[i] === MINUS || buf[i] === PLUS)) {
    neg = buf[i] === MINUS;
    i++;
  }
  if (i === e) return BAD;
  let v = 0;
  for (; i < e; i++) {
    const d = buf[i] - ZERO;
    if (d < 0 || d > 9) return BAD;
    v = v * 10 + d;
    if (v > 2147483648) return BAD;
  }
  if (neg) v = -v;
  return v > INT_MAX || v < INT_MIN ? BAD : v === 0 ? 0 : v;
}

/** A number when |v| <= 2^53 - 1, otherwise a bigint (types.ts). */
export function parseInt64(buf: Uint8Array, s: number, e: number): number | bigint | Bad {
  let i = s;
  let neg = false;
  if (i < e && (buf[i] === MINUS || buf[i] === PLUS)) {
    neg = buf[i] === MINUS;
    i++;
  }
  const n = e - i;
  if (n === 0) return BAD;
  if (n > 19) return parseLongText(buf, i, e, neg);
  // hi takes all but the last 9 digits (at most 10, so exact), lo the last 9.
  const split = n > EXACT_DIGITS ? e - 9 : e;
  let hi = 0;
  for (; i < split; i++) {
    const d = buf[i] - ZERO;
    if (d < 0 || d > 9) return BAD;
    hi = hi * 10 + d;
  }
  if (split === e) return neg ? (hi === 0 ? 0 : -hi) : hi;
  let lo = 0;
  for (; i < e; i++) {
    const d = buf[i] - ZERO;
    if (d < 0 || d > 9) return BAD;
    lo = lo * 10 + d;
  }
  if (hi < 9007199 || (hi === 9007199 && lo <= 254740991)) {
    const v = hi * 1e9 + lo;
    return neg ? (v === 0 ? 0 : -v) : v;
  }
  const big = BigInt(hi) * 1_000_000_000n + BigInt(lo);
  // Past 2^53 - 1 here, so a bigint; only 19-digit values can leave the long range.
  if (n === 19 && hi >= 9223372036 && (neg ? -big < LONG_MIN : big > LONG_MAX)) return BAD;
  return neg ? -big : big;
}

/** Whether parseInt64 would succeed, without building a bigint (schema inference only asks this). */
export function isInt64(buf: Uint8Array, s: number, e: number): boolean {
  let i = s;
  let neg = false;
  if (i < e && (buf[i] === MINUS || buf[i] === PLUS)) {
    neg = buf[i] === MINUS;
    i++;
  }
  if (i === e) return false;
  for (let k = i; k < e; k++) if (buf[k] < ZERO || buf[k] > ZERO + 9) return false;
  while (i < e - 1 && buf[i] === ZERO) i++;
  const n = e - i;
  if (n !== 19) return n < 19;
  const limit = neg ? LONG_MIN_DIGITS : LONG_MAX_DIGITS;
  for (let k = 0; k < 19; k++) {
    const d = buf[i + k] - limit.charCodeAt(k);
    if (d !== 0) return d < 0;
  }
  return true;
}

const LONG_MAX_DIGITS = '9223372036854775807';
const LONG_MIN_DIGITS = '9223372036854775808';

/** More than 19 digits can still be a long when they start with zeros. */
function parseLongText(buf: Uint8Array, s: number, e: number, neg: boolean): number | bigint | Bad {
  for (let i = s; i < e; i++) if (buf[i] < ZERO || buf[i] > ZERO + 9) return BAD;
  const big = BigInt(latin1(buf, s, e));
  return checkLong(neg ? -big : big);
}

function checkLong(big: bigint): number | bigint | Bad {
  if (big < LONG_MIN || big > LONG_MAX) return BAD;
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big;
}

/** Specials are compared first, as Spark's converter does for nanValue, positiveInf and negativeInf. */
export interface DoubleSpecials {
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
}

/** Java's grammar: trimmed, optional sign, NaN | Infinity | digits[.digits][e±digits], optional [fFdD]. */
const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

export function parseDouble(buf: Uint8Array, s: number, e: number, specials: DoubleSpecials): number | Bad {
  let i = s;
  let neg = false;
  if (i < e && (buf[i] === MINUS || buf[i] === PLUS)) {
    neg = buf[i] === MINUS;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  for (; i < e; i++) {
    const d = buf[i] - ZERO;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    digits++;
  }
  if (i < e && buf[i] === DOT) {
    for (i++; i < e; i++) {
      const d = buf[i] - ZERO;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      digits++;
      frac++;
    }
  }
  if (i === e && digits > 0 && digits <= EXACT_DIGITS) {
    const v = frac === 0 ? m : m / POW10[frac];
    return neg ? -v : v;
  }
  return parseDoubleText(latin1(buf, s, e), specials);
}

function parseDoubleText(text: string, specials: DoubleSpecials): number | Bad {
  if (text === specials.nanValue) return NaN;
  if (text === specials.positiveInf) return Infinity;
  if (text === specials.negativeInf) return -Infinity;
  const t = text.trim();
  if (!JAVA_DOUBLE.test(t)) return BAD;
  const last = t.charCodeAt(t.length - 1) | 0x20;
  const body = last === 0x66 || last === 0x64 ? t.slice(0, -1) : t; // f, d suffix
  if (body.endsWith('NaN')) return NaN;
  return Number(body);
}

/** Scala's toBoolean: "true" or "false", any case, nothing else. */
export function parseBoolean(buf: Uint8Array, s: number, e: number): boolean | Bad {
  const n = e - s;
  if (n === 4) {
    if ((buf[s] | 0x20) === 0x74 && (buf[s + 1] | 0x20) === 0x72 && (buf[s + 2] | 0x20) === 0x75 && (buf[s + 3] | 0x20) === 0x65) return true;
  } else if (n === 5) {
    if (
      (buf[s] | 0x20) === 0x66 &&
      (buf[s + 1] | 0x20) === 0x61 &&
      (buf[s + 2] | 0x20) === 0x6c &&
      (buf[s + 3] | 0x20) === 0x73 &&
      (buf[s + 4] | 0x20) === 0x65
    ) {
      return false;
    }
  }
  return BAD;
}

/** Node's Buffer has these natives behind toString(encoding, start, end); calling them skips argument checks. */
interface BufferSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}
const hasSlices = typeof (Buffer.prototype as unknown as Partial<BufferSlices>).latin1Slice === 'function';

/** A field's text; latin1 decoding is exact (and cheaper) when every byte is ASCII. */
export function decodeText(buf: Buffer, s: number, e: number): string {
  for (let i = s; i < e; i++) {
    if (buf[i] > 0x7f) return hasSlices ? (buf as unknown as BufferSlices).utf8Slice(s, e) : buf.toString('utf8', s, e);
  }
  return hasSlices ? (buf as unknown as BufferSlices).latin1Slice(s, e) : buf.toString('latin1', s, e);
}

function latin1(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}
