import { describe, expect, it } from 'vitest';
import { showString } from '../../src/sql/show.js';
import { arrayOf, field } from '../../src/sql/types.js';
import type { Row, Schema } from '../../src/sql/types.js';

/** Expected show() text: one entry per line, each ending in a newline as Spark's showString. */
const lines = (...text: string[]): string => text.map((line) => `${line}\n`).join('');

const micros = (iso: string): number => Date.parse(`${iso}Z`) * 1000;

// Most expectations below are Spark's own (DataFrameShowSuite, DatasetSuite, PySpark docs).
describe('showString, as Spark tests it', () => {
  const value = [field('value', 'string')];
  const longString = '1'.repeat(21);
  const ones: Row[] = [['1'], [longString]];

  it('truncate = 0 keeps cells whole and left-aligns them', () => {
    expect(showString(value, ones, 10, 0)).toBe(
      lines(
        '+---------------------+',
        '|value                |',
        '+---------------------+',
        '|1                    |',
        '|111111111111111111111|',
        '+---------------------+',
      ),
    );
    expect(showString(value, ones, 10, false)).toBe(showString(value, ones, 10, 0));
  });

  it('truncate = 20 cuts to 17 characters and "..." and right-aligns', () => {
    expect(showString(value, ones, 10, 20)).toBe(
      lines(
        '+--------------------+',
        '|               value|',
        '+--------------------+',
        '|                   1|',
        '|11111111111111111...|',
        '+--------------------+',
      ),
    );
    expect(showString(value, ones, 10, true)).toBe(showString(value, ones, 10, 20));
  });

  it('truncate below 4 cuts without an ellipsis', () => {
    expect(showString(value, ones, 10, 3)).toBe(
      lines('+-----+', '|value|', '+-----+', '|    1|', '|  111|', '+-----+'),
    );
    expect(showString(value, ones, 10, 17)).toBe(
      lines(
        '+-----------------+',
        '|            value|',
        '+-----------------+',
        '|                1|',
        '|11111111111111...|',
        '+-----------------+',
      ),
    );
  });

  it('vertical, with truncate 0, 20, 3 and 17', () => {
    expect(showString(value, ones, 10, 0, true)).toBe(
      lines(
        '-RECORD 0----------------------',
        ' value | 1                     ',
        '-RECORD 1----------------------',
        ' value | 111111111111111111111 ',
      ),
    );
    expect(showString(value, ones, 10, 20, true)).toBe(
      lines(
        '-RECORD 0---------------------',
        ' value | 1                    ',
        '-RECORD 1---------------------',
        ' value | 11111111111111111... ',
      ),
    );
    expect(showString(value, ones, 10, 3, true)).toBe(
      lines('-RECORD 0----', ' value | 1   ', '-RECORD 1----', ' value | 111 '),
    );
    expect(showString(value, ones, 10, 17, true)).toBe(
      lines(
        '-RECORD 0------------------',
        ' value | 1                 ',
        '-RECORD 1------------------',
        ' value | 11111111111111... ',
      ),
    );
  });

  const keyValue = [field('key', 'int', false), field('value', 'string')];

  it('numRows 0 or negative shows no rows and the footer when there is data', () => {
    const expected = lines('+---+-----+', '|key|value|', '+---+-----+', '+---+-----+', 'only showing top 0 rows');
    expect(showString(keyValue, [[1, '1']], 0)).toBe(expected);
    expect(showString(keyValue, [[1, '1']], -1)).toBe(expected);
    expect(showString(keyValue, [[1, '1']], 0, 20, true)).toBe('(0 rows)\n');
    expect(showString(keyValue, [[1, '1']], -1, 20, true)).toBe('(0 rows)\n');
  });

  it('one row shown of more says "row"', () => {
    const rows: Row[] = [
      [1, '1'],
      [2, '2'],
    ];
    expect(showString(keyValue, rows, 1)).toBe(
      lines('+---+-----+', '|key|value|', '+---+-----+', '|  1|    1|', '+---+-----+', 'only showing top 1 row'),
    );
    expect(showString(keyValue, rows, 1, 20, true)).toBe(
      lines('-RECORD 0----', ' key   | 1   ', ' value | 1   ', 'only showing top 1 row'),
    );
  });

  it('an empty result prints header and borders, or "(0 rows)" vertically', () => {
    expect(showString(keyValue, [], 1)).toBe(lines('+---+-----+', '|key|value|', '+---+-----+', '+---+-----+'));
    expect(showString(keyValue, [], 1, 20, true)).toBe('(0 rows)\n');
  });

  it('numRows as large as Int.MaxValue', () => {
    const ab = [field('a', 'int', false), field('b', 'int', false)];
    const rows: Row[] = [
      [1, 2],
      [3, 4],
    ];
    expect(showString(ab, rows, 2147483647)).toBe(
      lines('+---+---+', '|  a|  b|', '+---+---+', '|  1|  2|', '|  3|  4|', '+---+---+'),
    );
  });

  const pair = [field('_1', arrayOf('int')), field('_2', arrayOf('int'))];
  const arrays: Row[] = [
    [
      [1, 2, 3],
      [1, 2, 3],
    ],
    [
      [2, 3, 4],
      [2, 3, 4],
    ],
  ];

  it('arrays, table and vertical', () => {
    expect(showString(pair, arrays, 10)).toBe(
      lines(
        '+---------+---------+',
        '|       _1|       _2|',
        '+---------+---------+',
        '|[1, 2, 3]|[1, 2, 3]|',
        '|[2, 3, 4]|[2, 3, 4]|',
        '+---------+---------+',
      ),
    );
    expect(showString(pair, arrays, 10, 20, true)).toBe(
      lines(
        '-RECORD 0--------',
        ' _1  | [1, 2, 3] ',
        ' _2  | [1, 2, 3] ',
        '-RECORD 1--------',
        ' _1  | [2, 3, 4] ',
        ' _2  | [2, 3, 4] ',
      ),
    );
  });

  it('minimum column width 3, table and vertical', () => {
    const ints = [field('_1', 'int', false), field('_2', 'int', false)];
    const rows: Row[] = [
      [1, 1],
      [2, 2],
    ];
    expect(showString(ints, rows, 10)).toBe(
      lines('+---+---+', '| _1| _2|', '+---+---+', '|  1|  1|', '|  2|  2|', '+---+---+'),
    );
    expect(showString(ints, rows, 10, 20, true)).toBe(
      lines('-RECORD 0--', ' _1  | 1   ', ' _2  | 1   ', '-RECORD 1--', ' _1  | 2   ', ' _2  | 2   '),
    );
  });

  it('escapes meta-characters in names and cells (SPARK-33690)', () => {
    const text = 'aaa\nbbb\tccc\rddd\feee\bfff\u000Bggg\u0007hhh';
    const escaped = String.raw`aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh`;
    expect(showString([field(text, 'string', false)], [[text]], 1, 0)).toBe(
      lines(
        '+--------------------------------------+',
        `|${escaped}|`,
        '+--------------------------------------+',
        `|${escaped}|`,
        '+--------------------------------------+',
      ),
    );
    expect(showString([field(`array(${text})`, arrayOf('string'), false)], [[[text]]], 1, 0)).toBe(
      lines(
        '+---------------------------------------------+',
        `|array(${escaped})|`,
        '+---------------------------------------------+',
        `|[${escaped}]     |`,
        '+---------------------------------------------+',
      ),
    );
  });

  it('timestamps in the session time zone UTC (SPARK-18350)', () => {
    const ts = [field('ts', 'timestamp')];
    const rows: Row[] = [[micros('2016-12-01T08:00:00')]];
    expect(showString(ts, rows, 1, 0)).toBe(
      lines('+-------------------+', '|ts                 |', '+-------------------+', '|2016-12-01 08:00:00|', '+-------------------+'),
    );
    expect(showString(ts, rows, 1, 0, true)).toBe(lines('-RECORD 0------------------', ' ts  | 2016-12-01 08:00:00 '));
  });

  it('aligns full-width characters by half widths, nulls as NULL (SPARK-25108)', () => {
    const schema = [field('b', 'int', false), field('a', 'string'), field('c', 'int', false)];
    const texts = [
      null,
      '',
      'ab c',
      '1098',
      'm\u00f8',
      '\u03b3\u03cd\u03c1',
      'p\u00ea',
      '\u30fc',
      '\u6d4b',
      '\u304b',
      '\uac78',
      '\u00e0',
      '\u713c',
      '\u7f8d\u3080',
      '\ubead\u1f98',
      '\u0967\u0968\u0969',
    ];
    const shownA = [
      'NULL',
      '    ',
      'ab c',
      '1098',
      '  m\u00f8',
      ' \u03b3\u03cd\u03c1',
      '  p\u00ea',
      '  \u30fc',
      '  \u6d4b',
      '  \u304b',
      '  \uac78',
      '   \u00e0',
      '  \u713c',
      '\u7f8d\u3080',
      ' \ubead\u1f98',
      ' \u0967\u0968\u0969',
    ];
    expect(showString(schema, texts.map((a) => [0, a, 1]), 20)).toBe(
      lines(
        '+---+----+---+',
        '|  b|   a|  c|',
        '+---+----+---+',
        ...shownA.map((a) => `|  0|${a}|  1|`),
        '+---+----+---+',
      ),
    );
  });
});

describe('showString, as PySpark documents it', () => {
  const people = [field('age', 'bigint'), field('name', 'string')];
  const rows: Row[] = [
    [14, 'Tom'],
    [23, 'Alice'],
    [16, 'Bob'],
  ];

  it('df.show()', () => {
    expect(showString(people, rows)).toBe(
      lines('+---+-----+', '|age| name|', '+---+-----+', '| 14|  Tom|', '| 23|Alice|', '| 16|  Bob|', '+---+-----+'),
    );
  });

  it('df.show(2) with the third row fetched as take(n + 1) does', () => {
    expect(showString(people, rows, 2)).toBe(
      lines('+---+-----+', '|age| name|', '+---+-----+', '| 14|  Tom|', '| 23|Alice|', '+---+-----+', 'only showing top 2 rows'),
    );
  });

  it('df.show(2) told there is more data without the extra row', () => {
    expect(showString(people, rows.slice(0, 2), 2, 20, false, true)).toBe(showString(people, rows, 2));
    expect(showString(people, rows, 2, 20, false, false)).not.toContain('only showing');
  });

  it('df.show(truncate=3)', () => {
    expect(showString(people, rows, 20, 3)).toBe(
      lines('+---+----+', '|age|name|', '+---+----+', '| 14| Tom|', '| 23| Ali|', '| 16| Bob|', '+---+----+'),
    );
  });

  it('df.show(vertical=True)', () => {
    expect(showString(people, rows, 20, 20, true)).toBe(
      lines(
        '-RECORD 0-----',
        ' age  | 14    ',
        ' name | Tom   ',
        '-RECORD 1-----',
        ' age  | 23    ',
        ' name | Alice ',
        '-RECORD 2-----',
        ' age  | 16    ',
        ' name | Bob   ',
      ),
    );
  });
});

describe('showString, a wide job result', () => {
  const schema: Schema = [
    field('user_session', 'string'),
    field('Date_order', 'timestamp'),
    field('user_id', arrayOf('int')),
    field('Quantity', 'bigint'),
    field('money_spent', 'double'),
  ];
  const october = micros('2019-10-01T00:00:00');
  const rows: Row[] = [
    ['3f2f2cfa-8a6e-4b5e-9a3c-1d2e3f4a5b6c', october, [1, 2], 3, 12.5],
    ['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', october + 500_000, [42], 9007199254740993n, 0.0001],
    [null, null, [], null, null],
  ];

  it('truncates UUIDs and long timestamps to 17 characters and "..."', () => {
    expect(showString(schema, rows)).toBe(
      lines(
        '+--------------------+--------------------+-------+----------------+-----------+',
        '|        user_session|          Date_order|user_id|        Quantity|money_spent|',
        '+--------------------+--------------------+-------+----------------+-----------+',
        '|3f2f2cfa-8a6e-4b5...| 2019-10-01 00:00:00| [1, 2]|               3|       12.5|',
        '|a1b2c3d4-e5f6-4a7...|2019-10-01 00:00:...|   [42]|9007199254740993|     1.0E-4|',
        '|                NULL|                NULL|     []|            NULL|       NULL|',
        '+--------------------+--------------------+-------+----------------+-----------+',
      ),
    );
  });

  it('with truncate=False', () => {
    expect(showString(schema, rows, 20, false)).toBe(
      lines(
        '+------------------------------------+---------------------+-------+----------------+-----------+',
        '|user_session                        |Date_order           |user_id|Quantity        |money_spent|',
        '+------------------------------------+---------------------+-------+----------------+-----------+',
        '|3f2f2cfa-8a6e-4b5e-9a3c-1d2e3f4a5b6c|2019-10-01 00:00:00  |[1, 2] |3               |12.5       |',
        '|a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d|2019-10-01 00:00:00.5|[42]   |9007199254740993|1.0E-4     |',
        '|NULL                                |NULL                 |[]     |NULL            |NULL       |',
        '+------------------------------------+---------------------+-------+----------------+-----------+',
      ),
    );
  });

  it('sizes columns by the rows shown only', () => {
    expect(showString(schema, rows, 1)).toBe(
      lines(
        '+--------------------+-------------------+-------+--------+-----------+',
        '|        user_session|         Date_order|user_id|Quantity|money_spent|',
        '+--------------------+-------------------+-------+--------+-----------+',
        '|3f2f2cfa-8a6e-4b5...|2019-10-01 00:00:00| [1, 2]|       3|       12.5|',
        '+--------------------+-------------------+-------+--------+-----------+',
        'only showing top 1 row',
      ),
    );
  });

  it('vertical', () => {
    expect(showString(schema, rows.slice(0, 1), 20, 20, true)).toBe(
      lines(
        '-RECORD 0----------------------------',
        ' user_session | 3f2f2cfa-8a6e-4b5... ',
        ' Date_order   | 2019-10-01 00:00:00  ',
        ' user_id      | [1, 2]               ',
        ' Quantity     | 3                    ',
        ' money_spent  | 12.5                 ',
      ),
    );
  });
});
