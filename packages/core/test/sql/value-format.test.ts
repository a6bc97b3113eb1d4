import { describe, expect, it } from 'vitest';
import { javaDoubleToString } from '../../src/sql/java-double.js';
import { formatTimestamp } from '../../src/sql/timestamp-format.js';
import { arrayOf } from '../../src/sql/types.js';
import { formatValue } from '../../src/sql/value-format.js';

/** Microseconds since the epoch of a UTC date-time, the way rows hold timestamps. */
const micros = (iso: string): number => Date.parse(`${iso}Z`) * 1000;

describe('javaDoubleToString (Java Double.toString, JDK 19+)', () => {
  it.each([
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [9999999.0, '9999999.0'],
    [1e7, '1.0E7'],
    [123.45, '123.45'],
    [1e21, '1.0E21'],
    [-0.0, '-0.0'],
    [0, '0.0'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [1, '1.0'],
    [0.1, '0.1'],
    [100, '100.0'],
    [-2.5, '-2.5'],
    [123456789, '1.23456789E8'],
    [12345678.9, '1.23456789E7'],
    [1e-5, '1.0E-5'],
    [-1.5e-7, '-1.5E-7'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e23, '1.0E23'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [2.2250738585072014e-308, '2.2250738585072014E-308'],
    // Shortest digits (JDK 19+); JDK 8-18 print 2.82879384806159008E17.
    [2.82879384806159e17, '2.82879384806159E17'],
    // A 2-digit decimal closer than the 1-digit one wins: Java's Double.MIN_VALUE text.
    [Number.MIN_VALUE, '4.9E-324'],
    [2 * Number.MIN_VALUE, '9.9E-324'],
  ])('%s -> %s', (d, text) => {
    expect(javaDoubleToString(d)).toBe(text);
  });
});

describe('formatTimestamp (UTC, fraction only when non-zero)', () => {
  it.each([
    [0, '1970-01-01 00:00:00'],
    [micros('2019-10-01T00:00:00'), '2019-10-01 00:00:00'],
    [micros('2019-10-01T00:00:00') + 500_000, '2019-10-01 00:00:00.5'],
    [micros('2016-12-01T08:00:00'), '2016-12-01 08:00:00'],
    [micros('2020-02-29T23:59:59') + 123_456, '2020-02-29 23:59:59.123456'],
    [micros('2020-02-29T23:59:59') + 120_000, '2020-02-29 23:59:59.12'],
    [micros('2020-02-29T23:59:59') + 1, '2020-02-29 23:59:59.000001'],
    [-1, '1969-12-31 23:59:59.999999'],
    [micros('1582-10-04T12:00:00'), '1582-10-04 12:00:00'],
  ])('%s -> %s', (us, text) => {
    expect(formatTimestamp(us)).toBe(text);
  });

  it('prints years as java.time ISO_LOCAL_DATE does', () => {
    expect(formatTimestamp(micros('0000-01-01T00:00:00'))).toBe('0000-01-01 00:00:00');
    expect(formatTimestamp(micros('-000001-12-31T00:00:00'))).toBe('-0001-12-31 00:00:00');
    expect(formatTimestamp(micros('+010000-01-01T00:00:00'))).toBe('+10000-01-01 00:00:00');
  });

  it('takes bigint microseconds', () => {
    expect(formatTimestamp(253402300799999999n)).toBe('9999-12-31 23:59:59.999999');
    expect(formatTimestamp(-1n)).toBe('1969-12-31 23:59:59.999999');
  });
});

describe('formatValue (Spark 3.5 show cells)', () => {
  it('prints null as NULL (Spark 3.5)', () => {
    expect(formatValue(null, 'string')).toBe('NULL');
    expect(formatValue(null, 'int')).toBe('NULL');
    expect(formatValue(null, arrayOf('int'))).toBe('NULL');
  });

  it('prints integers as plain digits', () => {
    expect(formatValue(42, 'int')).toBe('42');
    expect(formatValue(-7, 'bigint')).toBe('-7');
    expect(formatValue(9007199254740993n, 'bigint')).toBe('9007199254740993');
    expect(formatValue(-9223372036854775808n, 'bigint')).toBe('-9223372036854775808');
  });

  it('prints doubles as Java does, whole numbers included', () => {
    expect(formatValue(12, 'double')).toBe('12.0');
    expect(formatValue(0.0001, 'double')).toBe('1.0E-4');
  });

  it('prints booleans, strings and timestamps', () => {
    expect(formatValue(true, 'boolean')).toBe('true');
    expect(formatValue(false, 'boolean')).toBe('false');
    expect(formatValue('héllo', 'string')).toBe('héllo');
    expect(formatValue(micros('2019-10-01T00:00:00'), 'timestamp')).toBe('2019-10-01 00:00:00');
  });

  it('prints arrays with elements formatted and null elements as NULL', () => {
    expect(formatValue([1, 2, 3], arrayOf('int'))).toBe('[1, 2, 3]');
    expect(formatValue([], arrayOf('int'))).toBe('[]');
    expect(formatValue([1, null, 3], arrayOf('int', true))).toBe('[1, NULL, 3]');
    expect(formatValue([null], arrayOf('int', true))).toBe('[NULL]');
    expect(formatValue([1, 2.5], arrayOf('double'))).toBe('[1.0, 2.5]');
    expect(formatValue(['a', 'b c'], arrayOf('string'))).toBe('[a, b c]');
    expect(formatValue([[1, 2], [], null], arrayOf(arrayOf('int'), true))).toBe('[[1, 2], [], NULL]');
    expect(formatValue([0, 1_500_000], arrayOf('timestamp'))).toBe(
      '[1970-01-01 00:00:00, 1970-01-01 00:00:01.5]',
    );
  });
});
