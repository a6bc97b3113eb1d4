import { describe, expect, it } from 'vitest';
import { BAD } from '../../src/sql/csv/field-parsers.js';
import { daysFromCivil, parseTimestamp } from '../../src/sql/csv/timestamp.js';
import { compileTimestampFormat, parseWithPattern } from '../../src/sql/csv/timestamp-format.js';
import { prng } from './csv-test-kit.js';

const ts = (s: string, defaultOffsetSeconds = 0): number | typeof BAD => {
  const b = Buffer.from(s, 'latin1');
  return parseTimestamp(b, 0, b.length, defaultOffsetSeconds);
};
const micros = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0): number => Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + us;
const HOUR = 3600 * 1_000_000;

describe("Spark's default timestamp grammar", () => {
  it('reads the e-commerce form with a UTC suffix', () => {
    expect(ts('2019-10-01 00:00:00 UTC')).toBe(micros(2019, 10, 1));
    expect(ts('2019-11-30 23:59:59 UTC')).toBe(micros(2019, 11, 30, 23, 59, 59));
  });

  it('reads fractions, T separators and zones', () => {
    expect(ts('2019-10-01 12:34:56.123456')).toBe(micros(2019, 10, 1, 12, 34, 56, 123456));
    expect(ts('2019-10-01 12:34:56.5')).toBe(micros(2019, 10, 1, 12, 34, 56, 500000));
    expect(ts('2019-10-01 12:34:56.1234567')).toBe(micros(2019, 10, 1, 12, 34, 56, 123456)); // truncated
    expect(ts('2019-10-01T12:34:56Z')).toBe(micros(2019, 10, 1, 12, 34, 56));
    expect(ts('2019-10-01T12:34:56.25+02:00')).toBe(micros(2019, 10, 1, 10, 34, 56, 250000));
    expect(ts('2019-10-01 12:34:56-0530')).toBe(micros(2019, 10, 1, 18, 4, 56));
    expect(ts('2019-10-01 12:34:56+05')).toBe(micros(2019, 10, 1, 7, 34, 56));
    expect(ts('2019-10-01 12:34:56 UTC+01:00')).toBe(micros(2019, 10, 1, 11, 34, 56));
    expect(ts('2019-10-01 12:34:56GMT')).toBe(micros(2019, 10, 1, 12, 34, 56));
    expect(ts('2019-10-01 12:34:56 EST')).toBe(micros(2019, 10, 1, 17, 34, 56));
    expect(ts('2019-10-01 12:34:56+1:30')).toBe(micros(2019, 10, 1, 11, 4, 56));
    expect(ts('2019-10-01 12:00:00+053000')).toBe(micros(2019, 10, 1, 6, 30));
    expect(ts('2019-10-01 12:00:00-05:30:15')).toBe(micros(2019, 10, 1, 17, 30, 15));
    expect(ts('2019-10-01 12:00:00+0530001')).toBe(BAD);
  });

  it('reads shorter forms the way Spark does', () => {
    expect(ts('2019-10-01')).toBe(micros(2019, 10, 1));
    expect(ts('2019-10')).toBe(micros(2019, 10, 1));
    expect(ts('2019')).toBe(micros(2019, 1, 1));
    expect(ts('2019-1-2 3:4')).toBe(micros(2019, 1, 2, 3, 4));
    expect(ts('  2019-10-01 10:30:00  ')).toBe(micros(2019, 10, 1, 10, 30));
  });

  it('applies the default offset only when the value has no zone', () => {
    expect(ts('2019-10-01 12:00:00', 3600)).toBe(micros(2019, 10, 1, 11));
    expect(ts('2019-10-01 12:00:00Z', 3600)).toBe(micros(2019, 10, 1, 12));
  });

  it('handles leap years and dates before the epoch', () => {
    expect(ts('2020-02-29 00:00:00')).toBe(micros(2020, 2, 29));
    expect(ts('2000-02-29 00:00:00')).toBe(micros(2000, 2, 29));
    expect(ts('1900-02-29 00:00:00')).toBe(BAD);
    expect(ts('2019-02-29')).toBe(BAD);
    expect(ts('1969-12-31 23:59:59.5')).toBe(-500000);
    expect(ts('1601-01-01 00:00:00')).toBe(micros(1601, 1, 1));
  });

  it('rejects malformed values', () => {
    for (const s of [
      '',
      'abc',
      '2019-13-01',
      '2019-10-32',
      '2019-10-01 24:00:00',
      '2019-10-01 12:60:00',
      '2019-10-01 12:00:60',
      '10:30:00',
      '2019-10-01T',
      '2019-10-01 10:30Z',
      '2019-10-01 10:30:00 Europe/Paris',
      '2019-10-01 10:30:00+19:00',
      '2019-10-01 10:30:00 utc',
      '2019-10-01 10:30:000',
      '19-10-01',
      '2019/10/01',
    ]) {
      expect(ts(s), s).toBe(BAD);
    }
  });

  it('matches Date.UTC for random instants', () => {
    const rand = prng(42);
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    for (let i = 0; i < 5000; i++) {
      const y = 1700 + Math.floor(rand() * 500);
      const mo = 1 + Math.floor(rand() * 12);
      const d = 1 + Math.floor(rand() * 28);
      const h = Math.floor(rand() * 24);
      const mi = Math.floor(rand() * 60);
      const s = Math.floor(rand() * 60);
      const us = Math.floor(rand() * 1_000_000);
      const text = `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(us, 6)}`;
      expect(ts(text), text).toBe(micros(y, mo, d, h, mi, s, us));
      expect(ts(`${text} UTC`)).toBe(micros(y, mo, d, h, mi, s, us));
    }
  });

  it('counts days like the proleptic Gregorian calendar', () => {
    const rand = prng(1);
    for (let i = 0; i < 2000; i++) {
      const t = Math.floor((rand() - 0.5) * 2e13);
      const date = new Date(t);
      expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(Math.floor(t / 86_400_000));
    }
  });
});

describe('timestampFormat patterns', () => {
  const parse = (pattern: string, s: string, offset = 0): number | typeof BAD => {
    const b = Buffer.from(s, 'latin1');
    return parseWithPattern(compileTimestampFormat(pattern), b, 0, b.length, offset);
  };

  it('reads day-first dates with optional time', () => {
    expect(parse('dd/MM/yyyy HH:mm', '26/08/2015 18:00')).toBe(micros(2015, 8, 26, 18));
    expect(parse('d/M/yyyy', '6/8/2015')).toBe(micros(2015, 8, 6));
    expect(parse('yyyy-MM-dd[ HH:mm:ss]', '2015-08-26')).toBe(micros(2015, 8, 26));
    expect(parse('yyyy-MM-dd[ HH:mm:ss]', '2015-08-26 01:02:03')).toBe(micros(2015, 8, 26, 1, 2, 3));
  });

  it('reads quoted literals, fractions, 12-hour clocks and offsets', () => {
    expect(parse("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2019-10-01T12:00:00.250+02:00')).toBe(micros(2019, 10, 1, 10, 0, 0, 250000));
    expect(parse("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2019-10-01T12:00:00.5Z')).toBe(micros(2019, 10, 1, 12, 0, 0, 500000));
    expect(parse('yyyy-MM-dd hh:mm a', '2019-10-01 12:15 AM')).toBe(micros(2019, 10, 1, 0, 15));
    expect(parse('yyyy-MM-dd hh:mm a', '2019-10-01 01:15 pm')).toBe(micros(2019, 10, 1, 13, 15));
    expect(parse('yyyyMMddHHmmss', '20191001123456')).toBe(micros(2019, 10, 1, 12, 34, 56));
    expect(parse('yyyy-MM-dd HH:mm:ss Z', '2019-10-01 12:00:00 -0100')).toBe(micros(2019, 10, 1, 13));
    expect(parse('yyyy-MM-dd HH:mm:ss z', '2019-10-01 12:00:00 UTC')).toBe(micros(2019, 10, 1, 12));
    expect(parse("yy-MM-dd''HH", "19-10-01'07", 3600)).toBe(micros(2019, 10, 1, 6));
  });

  it('rejects values that do not fit the pattern', () => {
    expect(parse('dd/MM/yyyy', '2015-08-26')).toBe(BAD);
    expect(parse('dd/MM/yyyy', '26/08/2015 extra')).toBe(BAD);
    expect(parse('dd/MM/yyyy', '31/02/2015')).toBe(BAD);
    expect(parse('yyyy-MM-dd hh:mm a', '2019-10-01 13:15 PM')).toBe(BAD);
  });
});
