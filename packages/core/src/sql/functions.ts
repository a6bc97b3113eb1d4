import { aggregate, col, column, lit, type Column, type ColumnOrName } from './column.js';

/** pyspark.sql.functions, for the aggregates sparkbench's jobs use. */
export { col, column, lit };

export function max(c: ColumnOrName): Column {
  return aggregate('max', c);
}
export function min(c: ColumnOrName): Column {
  return aggregate('min', c);
}
export function sum(c: ColumnOrName): Column {
  return aggregate('sum', c);
}
export function avg(c: ColumnOrName): Column {
  return aggregate('avg', c);
}
export const mean = avg;
/** `count("*")` counts rows, as `count(1)` (Spark rewrites the star the same way). */
export function count(c: ColumnOrName): Column {
  return aggregate('count', c === '*' ? null : c);
}
export function collect_set(c: ColumnOrName): Column {
  return aggregate('collect_set', c);
}
export function collect_list(c: ColumnOrName): Column {
  return aggregate('collect_list', c);
}
