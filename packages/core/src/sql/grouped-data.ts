import { AnalysisException } from './analysis-exception.js';
import { aggregate, type Column } from './column.js';
import type { DataFrame } from './data-frame.js';
import { aggregateOf, exprName, exprType, resolve, type Expr } from './expressions.js';
import { field } from './types.js';

/** PySpark's GroupedData: the result of groupBy, waiting for its aggregates. */
export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly Expr[],
  ) {}

  /** Output: the grouping columns, then one column per aggregate, named as Spark names them. */
  agg(...columns: Column[]): DataFrame {
    if (columns.length === 0) throw new AnalysisException('agg() needs at least one aggregate, e.g. count("user_session")');
    const aggregates = columns.map((c) => {
      const bound = resolve(c.expr, this.df.schema);
      if (aggregateOf(bound) === null) {
        throw new AnalysisException(`[MISSING_AGGREGATION] The non-aggregating expression "${exprName(c.expr)}" is based on columns which are not participating in the GROUP BY clause.`);
      }
      return bound;
    });
    const schema = [...this.keys.map((k) => field(exprName(k), exprType(k))), ...aggregates.map((a) => field(exprName(a), exprType(a), true))];
    return this.df.withPlan({ kind: 'aggregate', child: this.df.plan, keys: this.keys, aggregates }, schema, 'agg');
  }

  count(): DataFrame {
    return this.agg(aggregate('count', null).alias('count'));
  }
}
