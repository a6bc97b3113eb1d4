import { AnalysisException } from './analysis-exception.js';
import { arrayOf, isNumeric, simpleString, type DataType, type Schema, type Value } from './types.js';

/**
 * Expressions are plain data (a tree of objects), never closures: a filter or an aggregate travels inside a
 * task to a worker thread or an executor process and is compiled there.
 */
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type AggregateFn = 'max' | 'min' | 'sum' | 'avg' | 'count' | 'collect_set' | 'collect_list';

export type Expr =
  | { readonly op: 'col'; readonly name: string }
  | { readonly op: 'ref'; readonly index: number; readonly name: string; readonly type: DataType }
  | { readonly op: 'lit'; readonly value: Value }
  | { readonly op: 'cmp'; readonly fn: ComparisonOp; readonly left: Expr; readonly right: Expr }
  | { readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly op: 'not' | 'isNull' | 'isNotNull'; readonly child: Expr }
  | { readonly op: 'alias'; readonly child: Expr; readonly name: string }
  | { readonly op: 'agg'; readonly fn: AggregateFn; readonly child: Expr | null };

/** The column name Spark would give an expression: `max(event_time)`, `(price > 10)`, ... */
export function exprName(e: Expr): string {
  switch (e.op) {
    case 'col':
    case 'ref':
    case 'alias':
      return e.name;
    case 'lit':
      return e.value === null ? 'NULL' : String(e.value);
    case 'cmp':
      return `(${exprName(e.left)} ${e.fn === '!=' ? '!=' : e.fn} ${exprName(e.right)})`;
    case 'and':
    case 'or':
      return `(${exprName(e.left)} ${e.op.toUpperCase()} ${exprName(e.right)})`;
    case 'not':
      return `(NOT ${exprName(e.child)})`;
    case 'isNull':
      return `(${exprName(e.child)} IS NULL)`;
    case 'isNotNull':
      return `(${exprName(e.child)} IS NOT NULL)`;
    case 'agg':
      return `${e.fn}(${e.child === null ? '1' : exprName(e.child)})`;
  }
}

function literalType(value: Value): DataType {
  if (value === null) return 'string';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) && Math.abs(value) <= 2147483647 ? 'int' : 'double';
    case 'bigint':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      return arrayOf(value.length > 0 ? literalType(value[0]) : 'string');
  }
}

/** The result type of a bound expression. */
export function exprType(e: Expr): DataType {
  switch (e.op) {
    case 'ref':
      return e.type;
    case 'lit':
      return literalType(e.value);
    case 'cmp':
    case 'and':
    case 'or':
    case 'not':
    case 'isNull':
    case 'isNotNull':
      return 'boolean';
    case 'alias':
      return exprType(e.child);
    case 'col':
      throw new AnalysisException(`unresolved column ${e.name}`);
    case 'agg':
      return aggregateResultType(e.fn, e.child === null ? 'int' : exprType(e.child));
  }
}

export function aggregateResultType(fn: AggregateFn, input: DataType): DataType {
  switch (fn) {
    case 'count':
      return 'bigint';
    case 'avg':
      return 'double';
    case 'sum':
      return input === 'double' ? 'double' : 'bigint';
    case 'collect_set':
    case 'collect_list':
      return arrayOf(input, false);
    default:
      return input;
  }
}

function unresolved(name: string, schema: Schema): AnalysisException {
  const names = schema.map((f) => `\`${f.name}\``).join(', ');
  return new AnalysisException(
    `[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${names}].`,
  );
}

/** Index of a column by name, case-insensitively as Spark's default resolver does. */
export function columnIndex(name: string, schema: Schema): number {
  let i = schema.findIndex((f) => f.name === name);
  if (i < 0) i = schema.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
  if (i < 0) throw unresolved(name, schema);
  return i;
}

const ORDERABLE = new Set(['int', 'bigint', 'double', 'timestamp', 'string', 'boolean']);

function checkComparable(fn: ComparisonOp, l: DataType, r: DataType, text: string): void {
  const ok =
    simpleString(l) === simpleString(r) ||
    (isNumeric(l) && isNumeric(r)) ||
    (l === 'timestamp' && r === 'string') ||
    (l === 'string' && r === 'timestamp');
  if (!ok) {
    throw new AnalysisException(
      `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "${text}" due to data type mismatch: the left and right operands of the binary operator have incompatible types ("${simpleString(l).toUpperCase()}" and "${simpleString(r).toUpperCase()}").`,
    );
  }
  if (fn !== '=' && fn !== '!=' && !ORDERABLE.has(simpleString(l))) {
    throw new AnalysisException(`Cannot resolve "${text}": type ${simpleString(l)} is not orderable.`);
  }
}

/** Binds column names to positions in `schema` and checks types, as Spark's analyzer does. */
export function resolve(e: Expr, schema: Schema): Expr {
  switch (e.op) {
    case 'col': {
      const i = columnIndex(e.name, schema);
      return { op: 'ref', index: i, name: schema[i].name, type: schema[i].type };
    }
    case 'ref':
    case 'lit':
      return e;
    case 'cmp': {
      const left = resolve(e.left, schema);
      const right = resolve(e.right, schema);
      checkComparable(e.fn, exprType(left), exprType(right), exprName(e));
      return { ...e, left, right };
    }
    case 'and':
    case 'or': {
      const left = resolve(e.left, schema);
      const right = resolve(e.right, schema);
      for (const side of [left, right]) {
        if (exprType(side) !== 'boolean') {
          throw new AnalysisException(
            `[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve "${exprName(e)}": ${e.op.toUpperCase()} requires boolean operands, not ${simpleString(exprType(side))}.`,
          );
        }
      }
      return { ...e, left, right };
    }
    case 'not':
    case 'isNull':
    case 'isNotNull':
    case 'alias':
      return { ...e, child: resolve(e.child, schema) };
    case 'agg': {
      if (e.child === null) return e;
      const child = resolve(e.child, schema);
      const t = exprType(child);
      if ((e.fn === 'sum' || e.fn === 'avg') && !isNumeric(t)) {
        throw new AnalysisException(
          `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "${exprName(e)}" due to data type mismatch: the parameter requires the "NUMERIC" type, however "${exprName(child)}" has the type "${simpleString(t).toUpperCase()}".`,
        );
      }
      if ((e.fn === 'max' || e.fn === 'min') && !ORDERABLE.has(simpleString(t))) {
        throw new AnalysisException(`Cannot resolve "${exprName(e)}": ${e.fn} needs an orderable type, not ${simpleString(t)}.`);
      }
      return { ...e, child };
    }
  }
}

/** The aggregate calls inside an expression (an output column such as `alias(max(x))`). */
export function aggregateOf(e: Expr): Extract<Expr, { op: 'agg' }> | null {
  if (e.op === 'agg') return e;
  if (e.op === 'alias') return aggregateOf(e.child);
  return null;
}

/** The column positions a bound expression reads, added to `out`. */
export function columnsOf(e: Expr, out: Set<number>): Set<number> {
  switch (e.op) {
    case 'ref':
      out.add(e.index);
      break;
    case 'cmp':
    case 'and':
    case 'or':
      columnsOf(e.left, out);
      columnsOf(e.right, out);
      break;
    case 'not':
    case 'isNull':
    case 'isNotNull':
    case 'alias':
      columnsOf(e.child, out);
      break;
    case 'agg':
      if (e.child !== null) columnsOf(e.child, out);
      break;
    default:
      break;
  }
  return out;
}
