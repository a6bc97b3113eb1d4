/**
 * Property: however a file is cut into splits, the splits' rows concatenated are the file's
 * records, each once, in order; and the splits' bytesRead add up to the file size.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvOptions } from '../../src/sql/csv/options.js';
import { scanSplit } from '../../src/sql/csv/scan.js';
import { listInputFiles, planFileSplits } from '../../src/sql/csv/splits.js';
import type { Row } from '../../src/sql/types.js';
import { TempDir, newStats, prng, scanFile, stringSchema } from './csv-test-kit.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const PLAIN = [...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 -_.é日本😀'];

interface GeneratedFile {
  text: string;
  width: number;
  /** The records the file holds: '' fields are null, as Spark reads them. */
  expected: Row[];
}

function generate(rand: () => number, opts: { header: boolean; maxRecords: number; longLines: boolean }): GeneratedFile {
  const pick = (chars: readonly string[]): string => chars[Math.floor(rand() * chars.length)];
  const width = 2 + Math.floor(rand() * 4);
  const crlf = rand() < 0.4;
  const eol = (): string => (crlf && rand() < 0.8 ? '\r\n' : '\n');
  const blank = (): string => ['', '   ', '\t', ' \t '][Math.floor(rand() * 4)] + eol();
  const value = (): string => {
    const n = opts.longLines && rand() < 0.004 ? 2000 + Math.floor(rand() * 30000) : Math.floor(rand() * 12);
    let v = '';
    for (let i = 0; i < n; i++) v += pick(PLAIN);
    return v.trim() === v ? v : v.trim() + 'x';
  };
  const encode = (v: string): string => {
    const needsQuotes = /[,"]/.test(v);
    if (!needsQuotes && rand() < 0.85) return v;
    const escaped = rand() < 0.5 ? v.replace(/"/g, '""') : v.replace(/"/g, '\\"');
    return `"${escaped}"`;
  };
  let text = rand() < 0.1 ? '\uFEFF' : '';
  while (rand() < 0.2) text += blank();
  if (opts.header) text += Array.from({ length: width }, (_, i) => `h${i}`).join(',') + eol();
  const expected: Row[] = [];
  const records = Math.floor(rand() * opts.maxRecords);
  for (let r = 0; r < records; r++) {
    while (rand() < 0.1) text += blank();
    const values = Array.from({ length: width }, () => {
      const roll = rand();
      if (roll < 0.1) return '';
      if (roll < 0.2) return value() + ',' + value();
      if (roll < 0.25) return value() + '"' + value();
      return value();
    });
    expected.push(values.map((v) => (v === '' ? null : v)));
    text += values.map(encode).join(',');
    if (r < records - 1 || rand() < 0.7) text += eol();
  }
  return { text, width, expected };
}

function splitSizes(rand: () => number, size: number): number[] {
  const sizes = [1, 2, 3, 7, size, size + 1];
  for (let i = 0; i < 4; i++) sizes.push(1 + Math.floor(rand() * Math.max(size, 1)));
  return sizes;
}

describe('line ownership across splits', () => {
  it('reads every record exactly once for random files and split sizes', () => {
    const rand = prng(20240601);
    for (let trial = 0; trial < 120; trial++) {
      const header = rand() < 0.5;
      const file = generate(rand, { header, maxRecords: 40, longLines: false });
      const path = tmp.file(file.text);
      const size = statSync(path).size;
      const schema = stringSchema(file.width);
      const options = { header: String(header) };
      const whole = scanFile(path, schema, options);
      expect(whole.rows).toEqual(file.expected);
      expect(whole.stats.malformed).toBe(0);
      for (const splitBytes of splitSizes(rand, size)) {
        const parts = scanFile(path, schema, options, { splitBytes });
        expect(parts.rows, `trial ${trial}, split ${splitBytes}`).toEqual(whole.rows);
        expect(parts.stats.recordsRead).toBe(whole.rows.length);
        expect(parts.stats.bytesRead).toBe(size);
      }
    }
  });

  it('handles lines straddling read chunks and lines longer than a chunk', () => {
    const rand = prng(99);
    // About 6 MiB with lines up to 30 KB, and one line longer than the 4 MiB read buffer.
    const file = generate(rand, { header: true, maxRecords: 12000, longLines: true });
    const huge = 'q'.repeat(5 * 1024 * 1024);
    const text = `${file.text.endsWith('\n') ? file.text : file.text + '\n'}${huge}${',z'.repeat(file.width - 1)}\nlast${',w'.repeat(file.width - 1)}`;
    const expected = [...file.expected, [huge, ...Array<string>(file.width - 1).fill('z')], ['last', ...Array<string>(file.width - 1).fill('w')]];
    const path = tmp.file(text);
    const size = statSync(path).size;
    const schema = stringSchema(file.width);
    for (const splitBytes of [undefined, 1 << 20, 3_000_001, 65_537]) {
      const { rows, stats } = scanFile(path, schema, { header: 'true' }, { splitBytes });
      expect(rows.length).toBe(expected.length);
      expect(rows).toEqual(expected);
      expect(stats.bytesRead).toBe(size);
    }
  });

  it('skips the header only once, and only the first non-blank line, in whichever split owns it', () => {
    const text = '\n  \n\r\nname,n\nname,n\nb,2\n';
    const path = tmp.file(text);
    for (const splitBytes of [1, 2, 5, 8, 100]) {
      expect(scanFile(path, stringSchema(2), { header: 'true' }, { splitBytes }).rows).toEqual([
        ['name', 'n'],
        ['b', '2'],
      ]);
    }
  });

  it("skips every file's header when a directory is planned into splits", () => {
    const dir = join(tmp.dir, 'parts');
    mkdirSync(dir);
    writeFileSync(join(dir, 'part-0.csv'), 'k,v\na,1\nb,2\n');
    writeFileSync(join(dir, 'part-1.csv'), 'k,v\r\nc,3\r\n');
    const files = listInputFiles(dir);
    const options = parseCsvOptions({ header: 'true' });
    const rows: Row[] = [];
    const stats = newStats();
    for (const split of planFileSplits(files, { maxPartitionBytes: 4, openCostInBytes: 1, defaultParallelism: 1 })) {
      scanSplit(split, stringSchema(2), options, null, (row) => rows.push(row), stats);
    }
    expect(rows).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    expect(stats.bytesRead).toBe(files.reduce((sum, f) => sum + f.length, 0));
  });

  it('skips comment lines when a comment character is set', () => {
    const path = tmp.file('#c1\na,b\n#x,y\nc,d\n');
    expect(scanFile(path, stringSchema(2), { comment: '#', header: 'true' }).rows).toEqual([['c', 'd']]);
    expect(scanFile(path, stringSchema(2), {}).rows).toEqual([
      ['#c1', null],
      ['a', 'b'],
      ['#x', 'y'],
      ['c', 'd'],
    ]);
  });
});
