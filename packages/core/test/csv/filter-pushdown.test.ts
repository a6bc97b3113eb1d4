import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvOptions } from '../../src/sql/csv/options.js';
import { scanSplit } from '../../src/sql/csv/scan.js';
import type { Row } from '../../src/sql/types.js';
import { newStats, prng, schemaOf, TempDir } from './csv-test-kit.js';

const schema = schemaOf({ kind: 'string', n: 'int', price: 'double', note: 'string' });

function file(tmp: TempDir, rows: number, seed: number, badEvery = 0): string {
  const rand = prng(seed);
  const lines = ['kind,n,price,note'];
  for (let i = 0; i < rows; i++) {
    const kind = rand() < 0.1 ? 'purchase' : 'view';
    const price = badEvery > 0 && i % badEvery === 0 ? 'abc' : (rand() * 100).toFixed(2);
    lines.push(`${kind},${i},${price},note ${i}`);
  }
  return tmp.file(`${lines.join('\n')}\n`);
}

function scan(path: string, mode: string, pushed: boolean): { rows: Row[]; stats: ReturnType<typeof newStats> } {
  const rows: Row[] = [];
  const stats = newStats();
  const len = statSync(path).size;
  scanSplit({ path, start: 0, length: len, fileLength: len }, schema, parseCsvOptions({ header: 'true', mode }), [0, 2, 3], (r) => rows.push(r), stats, pushed ? { columns: [0], test: (r) => r[0] === 'purchase' } : null);
  return { rows, stats };
}

describe('filter pushdown into the CSV scan', () => {
  const tmp = new TempDir();
  afterAll(() => tmp.remove());

  it('emits exactly the rows the filter keeps, fully converted, and counts every record as read', () => {
    const path = file(tmp, 5000, 11);
    const plain = scan(path, 'PERMISSIVE', false);
    const pushed = scan(path, 'PERMISSIVE', true);
    expect(pushed.rows).toEqual(plain.rows.filter((r) => r[0] === 'purchase'));
    expect(pushed.rows.length).toBeGreaterThan(300);
    expect(pushed.stats.recordsRead).toBe(5000);
    expect(pushed.stats.bytesRead).toBe(plain.stats.bytesRead);
  });

  it('is not used under FAILFAST: a bad value in a row the filter would drop still fails the scan', () => {
    const path = file(tmp, 200, 5, 7);
    expect(() => scan(path, 'FAILFAST', true)).toThrow(/is not a double/);
  });

  it('is not used under DROPMALFORMED: malformed rows are still counted and dropped', () => {
    const path = file(tmp, 700, 9, 7);
    const plain = scan(path, 'DROPMALFORMED', false);
    const pushed = scan(path, 'DROPMALFORMED', true);
    expect(pushed.stats.malformed).toBe(100);
    expect(pushed.rows.filter((r) => r[0] === 'purchase')).toEqual(plain.rows.filter((r) => r[0] === 'purchase'));
  });
});
