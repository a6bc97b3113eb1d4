import { afterAll, describe, expect, it } from 'vitest';
import { TempDir, scanFile, schemaOf, stringSchema } from './csv-test-kit.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

const read = (text: string, width: number, options: Record<string, string> = {}): unknown[][] => scanFile(tmp.file(text), stringSchema(width), options).rows;

describe('quoted fields', () => {
  it('keeps separators inside quotes', () => {
    expect(read('"a,b",c\nd,"e,f,g"\n', 2)).toEqual([
      ['a,b', 'c'],
      ['d', 'e,f,g'],
    ]);
  });

  it('reads doubled quotes and backslash-escaped quotes as one quote', () => {
    expect(read('"He said ""hi""",x\n"back\\"slash",y\n', 2)).toEqual([
      ['He said "hi"', 'x'],
      ['back"slash', 'y'],
    ]);
  });

  it('keeps a backslash that escapes nothing, and an escaped escape before the closing quote', () => {
    expect(read('"a\\b",x\n"c\\\\",y\n', 2)).toEqual([
      ['a\\b', 'x'],
      ['c\\', 'y'],
    ]);
  });

  it('reads a quoted empty field as null under the default nullValue', () => {
    expect(read('"",x\n', 2)).toEqual([[null, 'x']]);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(read('ab"c,d\n', 2)).toEqual([['ab"c', 'd']]);
  });

  it('decodes UTF-8 inside quotes', () => {
    expect(read('"日本,語","é""😀"\n', 2)).toEqual([['日本,語', 'é"😀']]);
  });

  it('reads quotes literally when quoting is off', () => {
    expect(read('"a",b\n', 2, { quote: '' })).toEqual([['"a"', 'b']]);
  });

  it('honours another separator, quote and escape', () => {
    expect(read("'x;y';z\n'it''s';w\n'a#'b';v\n", 2, { sep: ';', quote: "'", escape: '#' })).toEqual([
      ['x;y', 'z'],
      ["it's", 'w'],
      ["a'b", 'v'],
    ]);
    expect(read('a\t"b\tc"\n', 2, { sep: '\\t' })).toEqual([['a', 'b\tc']]);
  });

  it('trims unquoted whitespace only when asked', () => {
    const text = '  a  ,  "  b  "  \n';
    expect(read(text, 2)).toEqual([['  a  ', '  "  b  "  ']]);
    expect(read(text, 2, { ignoreLeadingWhiteSpace: 'true', ignoreTrailingWhiteSpace: 'true' })).toEqual([['a', '  b  ']]);
    expect(read('  1 ,x\n', 2, { ignoreLeadingWhiteSpace: 'true', ignoreTrailingWhiteSpace: 'true' })).toEqual([['1', 'x']]);
    const typed = scanFile(tmp.file(' 7 , 8\n'), schemaOf({ a: 'int', b: 'int' }), { ignoreLeadingWhiteSpace: 'true', ignoreTrailingWhiteSpace: 'true' });
    expect(typed.rows).toEqual([[7, 8]]);
  });

  it('ends an unterminated quote at the end of its line (no multi-line values)', () => {
    const { rows, stats } = scanFile(tmp.file('"abc,def\nx,y\n'), stringSchema(2));
    expect(rows).toEqual([
      ['abc,def', null],
      ['x', 'y'],
    ]);
    expect(stats.malformed).toBe(1);
  });

  it('converts quoted typed fields', () => {
    const { rows } = scanFile(tmp.file('"1","2.5","true"\n'), schemaOf({ a: 'int', b: 'double', c: 'boolean' }));
    expect(rows).toEqual([[1, 2.5, true]]);
  });
});
