import type { AggregateFn, ComparisonOp, Expr } from './expressions.js';
import { exprName } from './expressions.js';
import type { Value } from './types.js';

type ColumnLike = Column | Value;

function toExpr(v: ColumnLike): Expr {
  return v instanceof Column ? v.expr : { op: 'lit', value: v };
}

/**
 * PySpark's Column. JavaScript has no operator overloading, so `col("x") == "y"` is written
 * `col("x").eq("y")` (also `equalTo`); the rest reads as in PySpark.
 */
export class Column {
  constructor(readonly expr: Expr) {}

  private cmp(fn: ComparisonOp, other: ColumnLike): Column {
    return new Column({ op: 'cmp', fn, left: this.expr, right: toExpr(other) });
  }

  eq(other: ColumnLike): Column {
    return this.cmp('=', other);
  }
  equalTo(other: ColumnLike): Column {
    return this.eq(other);
  }
  ne(other: ColumnLike): Column {
    return this.cmp('!=', other);
  }
  notEqual(other: ColumnLike): Column {
    return this.ne(other);
  }
  lt(other: ColumnLike): Column {
    return this.cmp('<', other);
  }
  leq(other: ColumnLike): Column {
    return this.cmp('<=', other);
  }
  gt(other: ColumnLike): Column {
    return this.cmp('>', other);
  }
  geq(other: ColumnLike): Column {
    return this.cmp('>=', other);
  }
  and(other: Column): Column {
    return new Column({ op: 'and', left: this.expr, right: other.expr });
  }
  or(other: Column): Column {
    return new Column({ op: 'or', left: this.expr, right: other.expr });
  }
  not(): Column {
    return new Column({ op: 'not', child: this.expr });
  }
  isNull(): Column {
    return new Column({ op: 'isNull', child: this.expr });
  }
  isNotNull(): Column {
    return new Column({ op: 'isNotNull', child: this.expr });
  }
  alias(name: string): Column {
    return new Column({ op: 'alias', child: this.expr, name });
  }
  as(name: string): Column {
    return this.alias(name);
  }

  toString(): string {
    return `Column<'${exprName(this.expr)}'>`;
  }
}

export function col(name: string): Column {
  return new Column({ op: 'col', name });
}

export const column = col;

export function lit(value: Value): Column {
  return new Column({ op: 'lit', value });
}

/** Functions take a Column or a column name, as in pyspark.sql.functions. */
export type ColumnOrName = Column | string;

export function toColumn(c: ColumnOrName): Column {
  return typeof c === 'string' ? col(c) : c;
}

export function aggregate(fn: AggregateFn, c: ColumnOrName | null): Column {
  return new Column({ op: 'agg', fn, child: c === null ? null : toColumn(c).expr });
}
