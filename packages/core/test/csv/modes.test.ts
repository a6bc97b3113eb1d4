import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MalformedCsvError } from '../../src/sql/csv/malformed-error.js';
import { parseCsvOptions } from '../../src/sql/csv/options.js';
import { scanSplit } from '../../src/sql/csv/scan.js';
import type { Row } from '../../src/sql/types.js';
import { TempDir, newStats, scanFile, schemaOf, splitsOf } from './csv-test-kit.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const schema = schemaOf({
  event_time: 'timestamp',
  event_type: 'string',
  product_id: 'int',
  category_id: 'bigint',
  category_code: 'string',
  brand: 'string',
  price: 'double',
  user_id: 'int',
  user_session: 'string',
});
const HEADER = schema.map((f) => f.name).join(',');
const GOOD = '2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde';
const SHORT = '2019-10-01 00:00:01 UTC,view,3900821,2053013552326770905,appliances.water_heater,aqua,33.20,554748717';
const BAD_PRICE = '2019-10-01 00:00:02 UTC,cart,17200506,2053013559792632471,furniture.bedroom,,abc,514028527,3a9b';
const EXTRA = '2019-10-01 00:00:03 UTC,view,1307067,2053013558920217191,computers.notebook,lenovo,251.74,550050854,7c90,extra';
const text = [HEADER, GOOD, SHORT, '', BAD_PRICE, EXTRA, GOOD].join('\n') + '\n';
const T0 = Date.UTC(2019, 9, 1) * 1000;

describe('PERMISSIVE', () => {
  it('keeps malformed rows with their bad or missing fields null, extra fields dropped, and counts them', () => {
    const { rows, stats } = scanFile(tmp.file(text), schema, { header: 'true' });
    expect(rows).toEqual([
      [T0, 'view', 44600062, 2103807459595387724n, null, 'shiseido', 35.79, 541312140, '72d76fde'],
      [T0 + 1e6, 'view', 3900821, 2053013552326770905n, 'appliances.water_heater', 'aqua', 33.2, 554748717, null],
      [T0 + 2e6, 'cart', 17200506, 2053013559792632471n, 'furniture.bedroom', null, null, 514028527, '3a9b'],
      [T0 + 3e6, 'view', 1307067, 2053013558920217191n, 'computers.notebook', 'lenovo', 251.74, 550050854, '7c90'],
      [T0, 'view', 44600062, 2103807459595387724n, null, 'shiseido', 35.79, 541312140, '72d76fde'],
    ]);
    expect(stats).toEqual({ recordsRead: 5, malformed: 3, bytesRead: Buffer.byteLength(text) });
  });

  it('does not count a bad value in a column that is not required (it is never converted)', () => {
    const { rows, stats } = scanFile(tmp.file(text), schema, { header: 'true' }, { required: [1] });
    expect(rows.map((r) => r[1])).toEqual(['view', 'view', 'cart', 'view', 'view']);
    expect(stats.malformed).toBe(2); // SHORT and EXTRA: the field count is always checked
  });
});

describe('DROPMALFORMED', () => {
  it('drops malformed rows and counts them', () => {
    const { rows, stats } = scanFile(tmp.file(text), schema, { header: 'true', mode: 'DROPMALFORMED' });
    expect(rows.map((r) => r[0])).toEqual([T0, T0]);
    expect(stats).toMatchObject({ recordsRead: 2, malformed: 3 });
  });
});

describe('FAILFAST', () => {
  it('names the file, the line within the file and the reason', () => {
    const path = tmp.file(text);
    const attempt = (): unknown => scanFile(path, schema, { header: 'true', mode: 'FAILFAST' });
    expect(attempt).toThrow(MalformedCsvError);
    expect(attempt).toThrow(`Malformed CSV record in ${path} at line 3: expected 9 fields, found 8 (mode FAILFAST)`);
  });

  it('reports a field that does not convert', () => {
    const path = tmp.file([HEADER, GOOD, '', BAD_PRICE].join('\r\n'));
    expect(() => scanFile(path, schema, { header: 'true', mode: 'FAILFAST' })).toThrow(
      `Malformed CSV record in ${path} at line 4: field "price" value "abc" is not a double (mode FAILFAST)`,
    );
    const ints = tmp.file('x\n');
    expect(() => scanFile(ints, schemaOf({ n: 'int' }), { mode: 'FAILFAST' })).toThrow('field "n" value "x" is not an int');
  });

  it('counts lines from the start of the file when the bad record is in a later split', () => {
    const lines = [HEADER];
    for (let i = 0; i < 500; i++) lines.push(GOOD);
    lines.push(SHORT);
    for (let i = 0; i < 20; i++) lines.push(GOOD);
    const path = tmp.file(lines.join('\n') + '\n');
    const options = parseCsvOptions({ header: 'true', mode: 'FAILFAST' });
    const splits = splitsOf(path, 4096);
    const failing = splits.findIndex((split) => {
      try {
        scanSplit(split, schema, options, [1], () => undefined, newStats());
        return false;
      } catch (err) {
        expect(err).toBeInstanceOf(MalformedCsvError);
        expect((err as MalformedCsvError).line).toBe(502);
        expect((err as Error).message).toBe(`Malformed CSV record in ${path} at line 502: expected 9 fields, found 8 (mode FAILFAST)`);
        return true;
      }
    });
    expect(failing).toBeGreaterThan(5);
    expect(splits[failing].start).toBeLessThan(statSync(path).size);
  });

  it('passes clean files untouched', () => {
    const rows: Row[] = [];
    const stats = newStats();
    const path = tmp.file([HEADER, GOOD, GOOD].join('\n'));
    for (const split of splitsOf(path, 50)) scanSplit(split, schema, parseCsvOptions({ header: 'true', mode: 'FAILFAST' }), null, (r) => rows.push(r), stats);
    expect(rows.length).toBe(2);
    expect(stats.malformed).toBe(0);
  });
});
