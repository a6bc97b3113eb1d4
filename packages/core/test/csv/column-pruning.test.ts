import { afterAll, describe, expect, it } from 'vitest';
import { TempDir, scanFile, schemaOf } from './csv-test-kit.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const schema = schemaOf({ t: 'timestamp', kind: 'string', n: 'int', price: 'double' });
const text = '2019-10-01 00:00:00 UTC,view,1,2.5\n2019-10-01 00:00:01 UTC,cart,2,3.5\n';

describe('column pruning', () => {
  it('converts only the required columns and leaves the others null', () => {
    const { rows } = scanFile(tmp.file(text), schema, {}, { required: [1] });
    expect(rows).toEqual([
      [null, 'view', null, null],
      [null, 'cart', null, null],
    ]);
  });

  it('accepts required columns in any order, with repeats', () => {
    const { rows } = scanFile(tmp.file(text), schema, {}, { required: [3, 1, 3] });
    expect(rows).toEqual([
      [null, 'view', null, 2.5],
      [null, 'cart', null, 3.5],
    ]);
  });

  it('still emits one row per record when nothing is required', () => {
    const { rows, stats } = scanFile(tmp.file(text), schema, {}, { required: [] });
    expect(rows).toEqual([
      [null, null, null, null],
      [null, null, null, null],
    ]);
    expect(stats.recordsRead).toBe(2);
  });

  it('converts every column when required is null', () => {
    const { rows } = scanFile(tmp.file(text), schema);
    expect(rows[1]).toEqual([Date.UTC(2019, 9, 1, 0, 0, 1) * 1000, 'cart', 2, 3.5]);
  });

  it('rejects a column outside the schema', () => {
    expect(() => scanFile(tmp.file(text), schema, {}, { required: [4] })).toThrow(RangeError);
  });
});
