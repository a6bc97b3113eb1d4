import { describe, expect, it } from 'vitest';
import { CsvOptionError, DEFAULT_CSV_OPTIONS, parseCsvOptions } from '../../src/sql/csv/options.js';

describe('parseCsvOptions', () => {
  it("uses Spark's defaults", () => {
    const o = parseCsvOptions({});
    expect(o).toEqual(DEFAULT_CSV_OPTIONS);
    expect(o).toMatchObject({ header: false, inferSchema: false, sep: ',', quote: '"', escape: '\\', mode: 'PERMISSIVE', nullValue: '' });
    expect(o.timestampFormat).toBeUndefined();
  });

  it('reads option names case-insensitively and values of booleans and modes in any case', () => {
    const o = parseCsvOptions({ HEADER: 'TRUE', InferSchema: 'True', Delimiter: ';', MODE: 'dropMalformed', nullvalue: 'NA' });
    expect(o).toMatchObject({ header: true, inferSchema: true, sep: ';', mode: 'DROPMALFORMED', nullValue: 'NA' });
  });

  it('prefers sep over delimiter and understands escaped separators', () => {
    expect(parseCsvOptions({ sep: '|', delimiter: ';' }).sep).toBe('|');
    expect(parseCsvOptions({ sep: '\\t' }).sep).toBe('\t');
    expect(parseCsvOptions({ delimiter: '\t' }).sep).toBe('\t');
  });

  it('ignores unknown option names', () => {
    expect(parseCsvOptions({ samplingRatio: '0.5', whatever: 'x' })).toEqual(DEFAULT_CSV_OPTIONS);
  });

  it('turns quoting off with an empty quote', () => {
    expect(parseCsvOptions({ quote: '' }).quote).toBe('');
  });

  it('rejects an unknown mode with a one-line message naming the option and the valid values', () => {
    const attempt = (): unknown => parseCsvOptions({ mode: 'LENIENT' });
    expect(attempt).toThrow(CsvOptionError);
    expect(attempt).toThrow('Option mode must be one of PERMISSIVE, DROPMALFORMED, FAILFAST (case-insensitive), got "LENIENT"');
  });

  it('rejects a non-boolean header', () => {
    expect(() => parseCsvOptions({ header: 'yes' })).toThrow(new CsvOptionError('Option header must be true or false, got "yes"'));
    expect(() => parseCsvOptions({ inferSchema: '1' })).toThrow(/^Option inferSchema must be true or false/);
  });

  it('rejects separators and quotes it cannot honour', () => {
    expect(() => parseCsvOptions({ sep: '||' })).toThrow(CsvOptionError);
    expect(() => parseCsvOptions({ sep: '' })).toThrow(CsvOptionError);
    expect(() => parseCsvOptions({ sep: '\\' })).toThrow(CsvOptionError);
    expect(() => parseCsvOptions({ sep: '§' })).toThrow(/ASCII/);
    expect(() => parseCsvOptions({ quote: "''" })).toThrow(/Option quote must be a single character/);
    expect(() => parseCsvOptions({ multiLine: 'true' })).toThrow(/multiLine/);
    expect(() => parseCsvOptions({ encoding: 'latin1' })).toThrow(/encoding/);
    expect(parseCsvOptions({ encoding: 'UTF-8', multiLine: 'false' })).toEqual(DEFAULT_CSV_OPTIONS);
  });

  it('checks timestampFormat when the options are read', () => {
    expect(parseCsvOptions({ timestampFormat: "yyyy-MM-dd'T'HH:mm:ss" }).timestampFormat).toBe("yyyy-MM-dd'T'HH:mm:ss");
    expect(() => parseCsvOptions({ timestampFormat: 'EEE yyyy' })).toThrow(/pattern letter 'E' is not supported/);
  });

  it('reads timeZone as a fixed offset', () => {
    expect(parseCsvOptions({ timeZone: '+02:00' }).timeZoneOffsetSeconds).toBe(7200);
    expect(parseCsvOptions({ timeZone: 'UTC' }).timeZoneOffsetSeconds).toBe(0);
    expect(parseCsvOptions({ timeZone: 'GMT-5' }).timeZoneOffsetSeconds).toBe(-18000);
    expect(() => parseCsvOptions({ timeZone: 'Europe/Paris' })).toThrow(/timeZone/);
  });

  it('gives plain data that survives structured cloning', () => {
    const o = parseCsvOptions({ header: 'true', timestampFormat: 'yyyy' });
    expect(structuredClone(o)).toEqual(o);
  });
});
