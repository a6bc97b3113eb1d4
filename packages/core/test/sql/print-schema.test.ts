import { describe, expect, it } from 'vitest';
import { treeString } from '../../src/sql/print-schema.js';
import { arrayOf, field } from '../../src/sql/types.js';

const lines = (...text: string[]): string => text.map((line) => `${line}\n`).join('');

describe('treeString (printSchema)', () => {
  it('names types as Spark does (PySpark docs example)', () => {
    expect(treeString([field('age', 'bigint'), field('name', 'string')])).toBe(
      lines('root', ' |-- age: long (nullable = true)', ' |-- name: string (nullable = true)'),
    );
  });

  it('prints every atomic type name', () => {
    const schema = [
      field('i', 'int', false),
      field('l', 'bigint'),
      field('d', 'double'),
      field('s', 'string'),
      field('t', 'timestamp'),
      field('b', 'boolean'),
    ];
    expect(treeString(schema)).toBe(
      lines(
        'root',
        ' |-- i: integer (nullable = false)',
        ' |-- l: long (nullable = true)',
        ' |-- d: double (nullable = true)',
        ' |-- s: string (nullable = true)',
        ' |-- t: timestamp (nullable = true)',
        ' |-- b: boolean (nullable = true)',
      ),
    );
  });

  it('prints a wide job schema with its array element', () => {
    const schema = [
      field('user_session', 'string'),
      field('Date_order', 'timestamp'),
      field('user_id', arrayOf('int')),
      field('Quantity', 'bigint'),
      field('money_spent', 'double'),
    ];
    expect(treeString(schema)).toBe(
      lines(
        'root',
        ' |-- user_session: string (nullable = true)',
        ' |-- Date_order: timestamp (nullable = true)',
        ' |-- user_id: array (nullable = true)',
        ' |    |-- element: integer (containsNull = false)',
        ' |-- Quantity: long (nullable = true)',
        ' |-- money_spent: double (nullable = true)',
      ),
    );
  });

  const nested = [field('a', arrayOf(arrayOf('bigint', true), true)), field('b', 'string')];

  it('indents nested arrays', () => {
    expect(treeString(nested)).toBe(
      lines(
        'root',
        ' |-- a: array (nullable = true)',
        ' |    |-- element: array (containsNull = true)',
        ' |    |    |-- element: long (containsNull = true)',
        ' |-- b: string (nullable = true)',
      ),
    );
  });

  it('stops at printSchema(level)', () => {
    expect(treeString(nested, 1)).toBe(
      lines('root', ' |-- a: array (nullable = true)', ' |-- b: string (nullable = true)'),
    );
    expect(treeString(nested, 2)).toBe(
      lines(
        'root',
        ' |-- a: array (nullable = true)',
        ' |    |-- element: array (containsNull = true)',
        ' |-- b: string (nullable = true)',
      ),
    );
    expect(treeString(nested, 0)).toBe(treeString(nested));
  });

  it('escapes meta-characters in names (SPARK-34308)', () => {
    const text = 'aaa\nbbb\tccc\rddd\feee\bfff\u000Bggg\u0007hhh';
    const escaped = String.raw`aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh`;
    expect(treeString([field(text, 'string', false)])).toBe(
      lines('root', ` |-- ${escaped}: string (nullable = false)`),
    );
    expect(treeString([field(`array(${text})`, arrayOf('string'), false)])).toBe(
      lines('root', ` |-- array(${escaped}): array (nullable = false)`, ' |    |-- element: string (containsNull = false)'),
    );
  });

  it('prints only the root of an empty schema', () => {
    expect(treeString([])).toBe('root\n');
  });
});
