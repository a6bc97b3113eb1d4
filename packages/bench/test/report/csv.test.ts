import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from '../../src/report/csv.js';
import { ResultFileError } from '../../src/report/result-file-error.js';

const fields = (text: string): string[][] => parseCsv(text, 'f.csv').map((r) => [...r.fields]);

describe('csv', () => {
  it('quotes only what needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('reads what it writes', () => {
    const rows = [['a', 'b,c', '"q"'], ['', 'x\r\ny', ' s '], ['', '', '']];
    expect(fields(toCsv(rows))).toEqual(rows);
  });

  it('takes CRLF, a BOM, no final newline, and drops blank lines at the end', () => {
    expect(fields('\uFEFFa,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\n1,2\n\n\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reports the line a row starts on, counting line breaks inside quotes', () => {
    expect(parseCsv('h\n"a\nb"\nc\n', 'f').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('rejects malformed quoting with the file and line', () => {
    expect(() => parseCsv('a\n"open', 'f.csv')).toThrow(new ResultFileError('f.csv:2: unterminated quoted field'));
    expect(() => parseCsv('a\n"x"y', 'f.csv')).toThrow(new ResultFileError('f.csv:2: unexpected character after a closing quote'));
    expect(() => parseCsv('a\nx"y', 'f.csv')).toThrow(new ResultFileError('f.csv:2: quote inside an unquoted field'));
  });
});
