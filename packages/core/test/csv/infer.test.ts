import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compatibleType,
  finalizeSchema,
  inferSplitTypes,
  makeSafeHeader,
  mergeInferredTypes,
  readHeader,
  type InferredType,
} from '../../src/sql/csv/infer.js';
import { parseCsvOptions } from '../../src/sql/csv/options.js';
import { field, type AtomicType } from '../../src/sql/types.js';
import { TempDir, scanFile, splitsOf } from './csv-test-kit.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const EVENTS = fileURLToPath(new URL('./fixtures/events-sample.csv', import.meta.url));
const EVENT_COLUMNS = ['event_time', 'event_type', 'product_id', 'category_id', 'category_code', 'brand', 'price', 'user_id', 'user_session'];
const EVENT_TYPES: AtomicType[] = ['timestamp', 'string', 'int', 'bigint', 'string', 'string', 'double', 'int', 'string'];

function inferFile(path: string, raw: Record<string, string>, splitBytes?: number): InferredType[] {
  const options = parseCsvOptions(raw);
  const width = readHeader(path, options).length;
  return splitsOf(path, splitBytes)
    .map((split) => inferSplitTypes(split, width, options))
    .reduce((a, b) => mergeInferredTypes(a, b), new Array<InferredType>(width).fill('null'));
}

describe('readHeader', () => {
  it('reads column names from the header line', () => {
    expect(readHeader(EVENTS, parseCsvOptions({ header: 'true' }))).toEqual(EVENT_COLUMNS);
  });

  it('names columns _c0, _c1, ... without a header', () => {
    expect(readHeader(EVENTS, parseCsvOptions({}))).toEqual(EVENT_COLUMNS.map((_, i) => `_c${i}`));
  });

  it('skips leading blank lines and reads quoted names', () => {
    const path = tmp.file('\n\r\n  \n"a,b",c\r\n1,2\n');
    expect(readHeader(path, parseCsvOptions({ header: 'true' }))).toEqual(['a,b', 'c']);
  });

  it('gives no columns for an empty file', () => {
    expect(readHeader(tmp.file(''), parseCsvOptions({ header: 'true' }))).toEqual([]);
  });

  it("makes names safe as Spark does: empty ones become _c<i>, duplicates (any case) get their index", () => {
    expect(makeSafeHeader(['a', 'A', '', 'b', 'a', 'NA'], 'NA')).toEqual(['a0', 'A1', '_c2', 'b', 'a4', '_c5']);
    const path = tmp.file('x,,x\n1,2,3\n');
    expect(readHeader(path, parseCsvOptions({ header: 'true' }))).toEqual(['x0', '_c1', 'x2']);
  });
});

describe('schema inference', () => {
  it('infers the e-commerce events schema', () => {
    const types = inferFile(EVENTS, { header: 'true', inferSchema: 'true' });
    expect(types).toEqual(EVENT_TYPES);
    expect(finalizeSchema(EVENT_COLUMNS, types)).toEqual(EVENT_COLUMNS.map((n, i) => field(n, EVENT_TYPES[i], true)));
  });

  it('gives the same answer however the file is split', () => {
    const size = statSync(EVENTS).size;
    for (const splitBytes of [1, 17, 100, 1000, size]) {
      expect(inferFile(EVENTS, { header: 'true', inferSchema: 'true' }, splitBytes)).toEqual(EVENT_TYPES);
    }
  });

  it('reads the sample with the inferred schema', () => {
    const options = { header: 'true', inferSchema: 'true' };
    const schema = finalizeSchema(EVENT_COLUMNS, inferFile(EVENTS, options));
    const { rows, stats } = scanFile(EVENTS, schema, options);
    expect(stats).toMatchObject({ recordsRead: 26, malformed: 0 });
    expect(rows[0]).toEqual([
      Date.UTC(2019, 9, 1) * 1000,
      'view',
      21548974,
      2162431999508628685n,
      'furniture.kitchen.table',
      'nokia',
      51.77,
      560045615,
      '2896783a-d2c2-44b1-92f0-354a0d4f0942',
    ]);
    expect(rows[25][6]).toBe(105);
  });

  it('leaves every column a string without inferSchema', () => {
    expect(inferFile(EVENTS, { header: 'true' })).toEqual(EVENT_COLUMNS.map(() => 'string'));
  });

  it('widens per column as values demand', () => {
    const rows = [
      // int→bigint, int→double, int→string, null only, boolean, timestamp, timestamp+int, specials, ints with a null value
      ['1', '1', '1', '', 'true', '2019-10-01', '2019-10-01 10:00:00', 'NaN', '5'],
      ['9007199254740993', '2.5', 'x', '', 'FALSE', '2019-10-01T10:00:00Z', '7', 'Inf', 'NA'],
      ['-3', '1e3', '4', '', 'true', '2019-10-01 10:00:00 UTC', '', '-Inf', '6'],
    ];
    const path = tmp.file(rows.map((r) => r.join(',')).join('\n'));
    expect(inferFile(path, { inferSchema: 'true', nullValue: 'NA' })).toEqual(['bigint', 'double', 'string', 'null', 'boolean', 'timestamp', 'string', 'double', 'int']);
  });

  it('treats numbers beyond bigint as double and ignores extra or missing fields', () => {
    const path = tmp.file('99999999999999999999,1\n1,2,extra,more\n3\n');
    expect(inferFile(path, { inferSchema: 'true' })).toEqual(['double', 'int']);
  });

  it('reads timestamps with a timestampFormat', () => {
    const path = tmp.file('26/08/2015 18:00\n01/01/2016 00:00\n');
    expect(inferFile(path, { inferSchema: 'true', timestampFormat: 'dd/MM/yyyy HH:mm' })).toEqual(['timestamp']);
    expect(inferFile(path, { inferSchema: 'true' })).toEqual(['string']);
  });

  it('merges split results in any order', () => {
    const all: InferredType[] = ['null', 'int', 'bigint', 'double', 'boolean', 'timestamp', 'string'];
    for (const a of all) {
      for (const b of all) {
        expect(compatibleType(a, b)).toBe(compatibleType(b, a));
        for (const c of all) expect(compatibleType(compatibleType(a, b), c)).toBe(compatibleType(a, compatibleType(b, c)));
      }
    }
    expect(mergeInferredTypes(['int', 'null'], ['double', 'timestamp', 'boolean'])).toEqual(['double', 'timestamp', 'boolean']);
    expect(finalizeSchema(['a', 'b'], ['null', 'int'])).toEqual([field('a', 'string'), field('b', 'int')]);
  });
});
