/**
 * Spark's default timestamp grammar (DateTimeUtils.parseTimestampString), read from bytes into
 * microseconds since the epoch, UTC, with civil-date arithmetic instead of Date objects:
 *
 *   [+-]yyyy[y..][-[m]m[-[d]d[( |T)[h]h:[m]m[:[s]s[.fraction]][zone]]]]
 *
 * surrounding bytes <= 0x20 trimmed; at most 6 fraction digits count (more are truncated); zone
 * is Z, an offset (+h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss), UTC/GMT/UT optionally followed by
 * an offset, or the fixed short ids EST, MST, HST, optionally after a space. Region ids such as
 * Europe/Paris and time-only inputs (which Spark dates "today") are rejected.
 */
import { BAD, type Bad } from './field-parsers.js';

const MICROS_PER_SECOND = 1_000_000;
const SECONDS_PER_DAY = 86_400;

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Micros for validated-by-range civil fields, or BAD when a field is out of range. */
export function civilToMicros(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  micros: number,
  offsetSeconds: number,
): number | Bad {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return BAD;
  if (hour > 23 || minute > 59 || second > 59) return BAD;
  const seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offsetSeconds;
  return seconds * MICROS_PER_SECOND + micros;
}

/** Reads digits at `at`; the cursor and value land in the module slots below (no allocation). */
let cursor = 0;
let value = 0;
function digits(buf: Uint8Array, at: number, e: number, min: number, max: number, moreMayFollow = false): boolean {
  let i = at;
  let v = 0;
  while (i < e && i - at < max) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
    i++;
  }
  if (i - at < min) return false;
  // More digits than allowed means the segment is malformed, not that it ends here.
  if (!moreMayFollow && i < e && i - at === max && buf[i] >= 0x30 && buf[i] <= 0x39) return false;
  cursor = i;
  value = v;
  return true;
}

export function parseTimestamp(buf: Uint8Array, s: number, e: number, defaultOffsetSeconds: number): number | Bad {
  while (s < e && buf[s] <= 0x20) s++;
  while (e > s && buf[e - 1] <= 0x20) e--;
  if (e - s >= 19 && buf[s + 4] === 0x2d && buf[s + 7] === 0x2d && buf[s + 13] === 0x3a && buf[s + 16] === 0x3a) {
    const fast = parseFixedWidth(buf, s, e, defaultOffsetSeconds);
    if (fast !== BAD) return fast;
  }
  let i = s;
  let sign = 1;
  if (i < e && (buf[i] === 0x2d || buf[i] === 0x2b)) {
    if (buf[i] === 0x2d) sign = -1;
    i++;
  }
  if (!digits(buf, i, e, 4, 6)) return BAD;
  const year = sign * value;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let micros = 0;
  let offset = defaultOffsetSeconds;
  i = cursor;
  parse: {
    if (i === e) break parse;
    if (buf[i] !== 0x2d || !digits(buf, i + 1, e, 1, 2)) return BAD;
    month = value;
    i = cursor;
    if (i === e) break parse;
    if (buf[i] !== 0x2d || !digits(buf, i + 1, e, 1, 2)) return BAD;
    day = value;
    i = cursor;
    if (i === e) break parse;
    if ((buf[i] !== 0x20 && buf[i] !== 0x54) || !digits(buf, i + 1, e, 1, 2)) return BAD;
    hour = value;
    i = cursor;
    if (i === e || buf[i] !== 0x3a || !digits(buf, i + 1, e, 1, 2)) return BAD;
    minute = value;
    i = cursor;
    if (i === e) break parse;
    if (buf[i] !== 0x3a || !digits(buf, i + 1, e, 1, 2)) return BAD;
    second = value;
    i = cursor;
    if (i < e && buf[i] === 0x2e) {
      i++;
      let n = 0;
      while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) {
        if (n < 6) micros = micros * 10 + (buf[i] - 0x30);
        n++;
        i++;
      }
      for (; n < 6; n++) micros *= 10;
    }
    if (i === e) break parse;
    const zone = parseZone(buf, i, e);
    if (zone === BAD) return BAD;
    offset = zone;
  }
  return civilToMicros(year, month, day, hour, minute, second, micros, offset);
}

/** The common `yyyy-MM-dd HH:mm:ss[.f...][zone]` with two-digit fields; BAD sends it to the general path. */
function parseFixedWidth(buf: Uint8Array, s: number, e: number, defaultOffsetSeconds: number): number | Bad {
  const sp = buf[s + 10];
  if (sp !== 0x20 && sp !== 0x54) return BAD;
  const year = d2(buf, s) * 100 + d2(buf, s + 2);
  const month = d2(buf, s + 5);
  const day = d2(buf, s + 8);
  const hour = d2(buf, s + 11);
  const minute = d2(buf, s + 14);
  const second = d2(buf, s + 17);
  if ((year | month | day | hour | minute | second) < 0) return BAD;
  let i = s + 19;
  let micros = 0;
  if (i < e && buf[i] === 0x2e) {
    let n = 0;
    for (i++; i < e && buf[i] >= 0x30 && buf[i] <= 0x39; i++, n++) if (n < 6) micros = micros * 10 + (buf[i] - 0x30);
    for (; n < 6; n++) micros *= 10;
  }
  let offset = defaultOffsetSeconds;
  if (i < e) {
    const zone = parseZone(buf, i, e);
    if (zone === BAD) return BAD;
    offset = zone;
  }
  return civilToMicros(year, month, day, hour, minute, second, micros, offset);
}

/** Two ASCII digits at i, or a negative number. */
function d2(buf: Uint8Array, i: number): number {
  const a = buf[i] - 0x30;
  const b = buf[i + 1] - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** A zone id as java.time's ZoneId.of reads it (after Spark's +h:mm fix-up), as an offset in seconds. */
export function parseZone(buf: Uint8Array, s: number, e: number): number | Bad {
  while (s < e && buf[s] <= 0x20) s++;
  if (s === e) return BAD;
  const first = buf[s];
  if (first === 0x2b || first === 0x2d) return parseOffset(buf, s, e);
  if (e - s === 1) return first === 0x5a ? 0 : BAD; // Z
  const prefix = zonePrefix(buf, s, e);
  if (prefix > 0) return s + prefix === e ? 0 : parseOffset(buf, s + prefix, e);
  if (e - s === 3 && buf[s + 2] === 0x54 && buf[s + 1] === 0x53) {
    // The fixed-offset short ids: EST, MST, HST.
    if (first === 0x45) return -5 * 3600;
    if (first === 0x4d) return -7 * 3600;
    if (first === 0x48) return -10 * 3600;
  }
  return BAD;
}

/** Length of a leading UTC, GMT or UT, else 0. */
function zonePrefix(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n >= 3 && buf[s] === 0x55 && buf[s + 1] === 0x54 && buf[s + 2] === 0x43) return 3; // UTC
  if (n >= 3 && buf[s] === 0x47 && buf[s + 1] === 0x4d && buf[s + 2] === 0x54) return 3; // GMT
  if (n >= 2 && buf[s] === 0x55 && buf[s + 1] === 0x54 && (n === 2 || buf[s + 2] === 0x2b || buf[s + 2] === 0x2d)) return 2; // UT
  return 0;
}

/** ZoneOffset.of: +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss; also Spark's +h:mm and +hh:m; at most 18:00. */
function parseOffset(buf: Uint8Array, s: number, e: number): number | Bad {
  const sign = buf[s] === 0x2d ? -1 : 1;
  if (!digits(buf, s + 1, e, 1, 2, true)) return BAD; // +hhmm: minutes follow directly
  const hours = value;
  let i = cursor;
  let minutes = 0;
  let seconds = 0;
  if (i < e) {
    const colon = buf[i] === 0x3a;
    if (colon) i++;
    else if (cursor - (s + 1) !== 2) return BAD; // +hmm is not a form
    if (!digits(buf, i, e, colon ? 1 : 2, 2, !colon)) return BAD;
    minutes = value;
    i = cursor;
    if (i < e) {
      if (colon && buf[i] !== 0x3a) return BAD;
      if (!digits(buf, colon ? i + 1 : i, e, 2, 2)) return BAD;
      seconds = value;
      i = cursor;
    }
  }
  if (i !== e || minutes > 59 || seconds > 59) return BAD;
  const total = hours * 3600 + minutes * 60 + seconds;
  return total > 18 * 3600 ? BAD : sign * total;
}
