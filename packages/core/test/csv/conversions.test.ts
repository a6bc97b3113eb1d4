import { afterAll, describe, expect, it } from 'vitest';
import { BAD, decodeText, isInt64, parseBoolean, parseDouble, parseInt32, parseInt64 } from '../../src/sql/csv/field-parsers.js';
import { DEFAULT_CSV_OPTIONS } from '../../src/sql/csv/options.js';
import { CsvInputError } from '../../src/sql/csv/splits.js';
import { arrayOf, field } from '../../src/sql/types.js';
import { TempDir, prng, scanFile, schemaOf } from './csv-test-kit.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');
const int32 = (s: string): ReturnType<typeof parseInt32> => parseInt32(bytes(s), 0, bytes(s).length);
const int64 = (s: string): ReturnType<typeof parseInt64> => parseInt64(bytes(s), 0, bytes(s).length);
const double = (s: string): ReturnType<typeof parseDouble> => parseDouble(bytes(s), 0, bytes(s).length, DEFAULT_CSV_OPTIONS);
const bool = (s: string): ReturnType<typeof parseBoolean> => parseBoolean(bytes(s), 0, bytes(s).length);

describe('int', () => {
  it("accepts Java's Integer.parseInt syntax within 32 bits", () => {
    expect(['0', '-5', '+7', '007', '2147483647', '-2147483648', '-0'].map(int32)).toEqual([0, -5, 7, 7, 2147483647, -2147483648, 0]);
  });
  it('rejects everything else', () => {
    for (const s of ['', '-', '+', '2147483648', '-2147483649', '99999999999999999999', '1.0', ' 1', '1 ', '1e3', '0x10', 'abc']) {
      expect(int32(s), s).toBe(BAD);
    }
  });
});

describe('bigint', () => {
  it('gives a number while the value is a safe integer, a bigint beyond', () => {
    expect(int64('9007199254740991')).toBe(9007199254740991);
    expect(int64('-9007199254740991')).toBe(-9007199254740991);
    expect(int64('9007199254740992')).toBe(9007199254740992n);
    expect(int64('-9007199254740993')).toBe(-9007199254740993n);
    expect(int64('2162431999508628685')).toBe(2162431999508628685n);
    expect(int64('9223372036854775807')).toBe(9223372036854775807n);
    expect(int64('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(int64('000000000000000000000042')).toBe(42);
    expect(int64('1000000000000000')).toBe(1e15);
    expect(int64('+12')).toBe(12);
  });
  it('rejects values outside 64 bits and non-integers', () => {
    for (const s of ['9223372036854775808', '-9223372036854775809', '99999999999999999999', '1.5', '', '-', '12a', '1234567890123456789x']) {
      expect(int64(s), s).toBe(BAD);
      expect(isInt64(bytes(s), 0, s.length), s).toBe(false);
    }
    for (const s of ['9223372036854775807', '-9223372036854775808', '0009223372036854775807', '-0', '+1']) expect(isInt64(bytes(s), 0, s.length), s).toBe(true);
  });
  it('matches BigInt for random 1..19 digit values', () => {
    const rand = prng(5);
    for (let i = 0; i < 5000; i++) {
      const digits = 1 + Math.floor(rand() * 19);
      let s = rand() < 0.3 ? '-' : '';
      for (let d = 0; d < digits; d++) s += String(Math.floor(rand() * 10));
      const big = BigInt(s);
      const got = int64(s);
      expect(isInt64(bytes(s), 0, s.length), s).toBe(got !== BAD);
      if (big > 9223372036854775807n || big < -9223372036854775808n) expect(got, s).toBe(BAD);
      else if (big >= -9007199254740991n && big <= 9007199254740991n) expect(got, s).toBe(Number(big));
      else expect(got, s).toBe(big);
    }
  });
});

describe('double', () => {
  it("accepts Java's Double.parseDouble forms and Spark's specials", () => {
    const cases: [string, number][] = [
      ['1.5', 1.5],
      ['-2', -2],
      ['1e10', 1e10],
      ['2.5E-3', 0.0025],
      ['.5', 0.5],
      ['1.', 1],
      ['+3.25', 3.25],
      [' 4.5 ', 4.5],
      ['1.5d', 1.5],
      ['2F', 2],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
      ['Inf', Infinity],
      ['-Inf', -Infinity],
      ['0.1', 0.1],
      ['123456789012345678901234567890', 1.2345678901234568e29],
    ];
    for (const [s, v] of cases) expect(double(s), s).toBe(v);
    expect(double('NaN')).toBeNaN();
    expect(Object.is(double('-0.0'), -0)).toBe(true);
  });
  it('rejects what Java rejects', () => {
    for (const s of ['', '.', '-', 'abc', '1.2.3', '1e', 'e5', '1,5', 'inf', 'nan', '0x1p3', '--1']) expect(double(s), s).toBe(BAD);
  });
  it('rounds like Number() for random decimals (the fast path must be exact)', () => {
    const rand = prng(11);
    for (let i = 0; i < 20000; i++) {
      const intDigits = Math.floor(rand() * 10);
      const fracDigits = Math.floor(rand() * 10);
      let s = rand() < 0.3 ? '-' : '';
      for (let d = 0; d < intDigits; d++) s += String(Math.floor(rand() * 10));
      if (fracDigits > 0 || intDigits === 0) s += '.';
      for (let d = 0; d < fracDigits || (intDigits === 0 && d === 0); d++) s += String(Math.floor(rand() * 10));
      expect(double(s), s).toBe(Number(s));
    }
  });
  it('honours custom nanValue, positiveInf and negativeInf', () => {
    const specials = { nanValue: 'n/a', positiveInf: 'max', negativeInf: 'min' };
    const parse = (s: string): ReturnType<typeof parseDouble> => parseDouble(bytes(s), 0, bytes(s).length, specials);
    expect(parse('n/a')).toBeNaN();
    expect(parse('max')).toBe(Infinity);
    expect(parse('min')).toBe(-Infinity);
    expect(parse('Inf')).toBe(BAD);
  });
});

describe('boolean', () => {
  it('accepts true and false in any case only', () => {
    expect(['true', 'TRUE', 'False', 'fAlSe'].map(bool)).toEqual([true, true, false, false]);
    for (const s of ['yes', '1', 't', 'truee', ' true', '']) expect(bool(s), s).toBe(BAD);
  });
});

describe('string', () => {
  it('decodes ASCII and UTF-8 exactly', () => {
    for (const s of ['plain', 'héllo', '日本語', 'a😀b', 'ÿ', '']) expect(decodeText(bytes(s), 0, bytes(s).length)).toBe(s);
  });
});

describe('conversions through a scan', () => {
  it('refuses array columns as Spark does', () => {
    const path = tmp.file('1\n');
    expect(() => scanFile(path, [field('a', arrayOf('int'))])).toThrow(new CsvInputError('CSV data source does not support array<int> data type.'));
  });

  const schema = schemaOf({ i: 'int', l: 'bigint', d: 'double', b: 'boolean', t: 'timestamp', s: 'string' });

  it('converts each column to its JS value', () => {
    const path = tmp.file(
      'i,l,d,b,t,s\n' +
        '1,9007199254740993,1.5,true,2019-10-01 00:00:00 UTC,héllo\n' +
        '-7,42,NaN,FALSE,1970-01-01T00:00:00.000001Z,日本,語\n' +
        ',,,,,\n',
    );
    const { rows, stats } = scanFile(path, schema, { header: 'true' });
    expect(rows[0]).toEqual([1, 9007199254740993n, 1.5, true, Date.UTC(2019, 9, 1) * 1000, 'héllo']);
    expect(rows[1].slice(0, 5)).toEqual([-7, 42, NaN, false, 1]);
    expect(rows[1][5]).toBe('日本'); // extra field dropped (PERMISSIVE)
    expect(rows[2]).toEqual([null, null, null, null, null, null]);
    expect(stats).toMatchObject({ recordsRead: 3, malformed: 1 });
  });

  it('reads nullValue as null for every type, and an empty unquoted field as null too', () => {
    const path = tmp.file('NA,NA,NA,NA,NA,NA\n,,,,,\n"","","","","",""\n');
    const { rows, stats } = scanFile(path, schema, { nullValue: 'NA' });
    expect(rows[0]).toEqual([null, null, null, null, null, null]);
    expect(rows[1]).toEqual([null, null, null, null, null, null]);
    // A quoted empty field is the empty string, which only a string column can hold.
    expect(rows[2]).toEqual([null, null, null, null, null, '']);
    expect(stats.malformed).toBe(1);
  });

  it('repeats bigint values through the cache without mixing them up', () => {
    const ids = ['2162431999508628685', '2162431999508628686', '-9223372036854775808', '42', '9007199254740993', 'x1', '99999999999999999999'];
    const rand = prng(8);
    const values = Array.from({ length: 30000 }, () => ids[Math.floor(rand() * ids.length)]);
    const path = tmp.file(values.join('\n'));
    const { rows, stats } = scanFile(path, schemaOf({ id: 'bigint' }));
    const expected = values.map((v) => (/^-?\d{1,19}$/.test(v) ? (Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v)) : null));
    expect(rows.map((r) => r[0])).toEqual(expected);
    expect(stats.malformed).toBe(expected.filter((v) => v === null).length);
  });

  it('repeats values through the string cache without mixing them up', () => {
    const words = ['view', 'cart', 'purchase', 'remove_from_cart', 'é', '日本', 'a'.repeat(40), 'b'.repeat(41), ''];
    const rand = prng(3);
    const values = Array.from({ length: 30000 }, () => words[Math.floor(rand() * words.length)]);
    const path = tmp.file(values.map((v, i) => `${i},${v}`).join('\n'));
    const { rows } = scanFile(path, schemaOf({ n: 'int', w: 'string' }));
    expect(rows.map((r) => r[1])).toEqual(values.map((v) => (v === '' ? null : v)));
  });
});
