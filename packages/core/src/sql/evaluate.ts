import type { Expr } from './expressions.js';
import { exprType } from './expressions.js';
import type { Row, Value } from './types.js';

/** A compiled expression: evaluated once per row inside a task. */
export type Evaluator = (row: Row) => Value;
export type Predicate = (row: Row) => boolean;

/** Orders two non-null values of one type; numbers and bigints compare with each other. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareNullable(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  // number | bigint: the relational operators are exact across the two.
  if ((a as number) < (b as number)) return -1;
  if ((a as number) > (b as number)) return 1;
  // NaN is larger than any other double in Spark's ordering.
  if (typeof a === 'number' && Number.isNaN(a)) return typeof b === 'number' && Number.isNaN(b) ? 0 : 1;
  if (typeof b === 'number' && Number.isNaN(b)) return -1;
  return 0;
}

/** Nulls first, as Spark's ascending sort. */
export function compareNullable(a: Value, b: Value): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareValues(a, b);
}

function comparison(fn: string): (c: number) => boolean {
  switch (fn) {
    case '=':
      return (c) => c === 0;
    case '!=':
      return (c) => c !== 0;
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}

/** Turns a bound expression into a closure. Null propagates as in SQL's three-valued logic. */
export function compile(e: Expr, coerceLiteral: (value: Value, to: ReturnType<typeof exprType>) => Value = (v) => v): Evaluator {
  switch (e.op) {
    case 'ref': {
      const i = e.index;
      return (row) => row[i];
    }
    case 'lit': {
      const v = e.value;
      return () => v;
    }
    case 'alias':
      return compile(e.child, coerceLiteral);
    case 'cmp': {
      // A literal compared with a column takes the column's type (Spark's implicit cast), e.g. a timestamp string.
      let left = e.left;
      let right = e.right;
      if (right.op === 'lit' && left.op !== 'lit') right = { op: 'lit', value: coerceLiteral(right.value, exprType(left)) };
      if (left.op === 'lit' && right.op !== 'lit') left = { op: 'lit', value: coerceLiteral(left.value, exprType(right)) };
      const test = comparison(e.fn);
      if (left.op === 'ref' && right.op === 'lit' && (e.fn === '=' || e.fn === '!=') && typeof right.value === 'string') {
        // The hot path of a filter such as event_type == 'purchase'.
        const i = left.index;
        const v = right.value;
        const want = e.fn === '=';
        return (row) => {
          const x = row[i];
          return x === null ? null : (x === v) === want;
        };
      }
      const l = compile(left, coerceLiteral);
      const r = compile(right, coerceLiteral);
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return test(compareValues(a, b));
      };
    }
    case 'and': {
      const l = compile(e.left, coerceLiteral);
      const r = compile(e.right, coerceLiteral);
      return (row) => {
        const a = l(row);
        if (a === false) return false;
        const b = r(row);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    }
    case 'or': {
      const l = compile(e.left, coerceLiteral);
      const r = compile(e.right, coerceLiteral);
      return (row) => {
        const a = l(row);
        if (a === true) return true;
        const b = r(row);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    }
    case 'not': {
      const c = compile(e.child, coerceLiteral);
      return (row) => {
        const v = c(row);
        return v === null ? null : !v;
      };
    }
    case 'isNull': {
      const c = compile(e.child, coerceLiteral);
      return (row) => c(row) === null;
    }
    case 'isNotNull': {
      const c = compile(e.child, coerceLiteral);
      return (row) => c(row) !== null;
    }
    case 'col':
    case 'agg':
      throw new Error(`cannot evaluate ${e.op} expression per row; it must be resolved/planned first`);
  }
}

/** A filter keeps a row only where the condition is true (null counts as false). */
export function compilePredicate(e: Expr, coerceLiteral?: (value: Value, to: ReturnType<typeof exprType>) => Value): Predicate {
  const f = compile(e, coerceLiteral);
  return (row) => f(row) === true;
}
