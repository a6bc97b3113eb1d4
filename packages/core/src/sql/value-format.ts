import { javaDoubleToString } from './java-double.js';
import { formatTimestamp } from './timestamp-format.js';
import type { DataType, Value } from './types.js';

/**
 * How show() prints null, at the top level and inside arrays. Spark 3.5 prints `NULL`
 * (SPARK-43063, show() casts through ToPrettyString); Spark 3.4 and earlier printed `null`.
 */
export const NULL_STRING = 'NULL';

/**
 * A value as Spark 3.5's show() renders it (ToPrettyString, i.e. cast to string with `NULL` for
 * nulls): integers as digits, doubles as Java's Double.toString, timestamps in UTC, arrays as
 * `[a, b, NULL]`, strings and booleans as they are.
 */
export function formatValue(value: Value, type: DataType): string {
  if (value === null) return NULL_STRING;
  if (typeof type !== 'string') {
    return Array.isArray(value) ? formatArray(value, type.elementType) : String(value);
  }
  switch (type) {
    case 'double':
      return typeof value === 'number' ? javaDoubleToString(value) : String(value);
    case 'int':
    case 'bigint':
      return formatInteger(value);
    case 'timestamp':
      return typeof value === 'number' || typeof value === 'bigint' ? formatTimestamp(value) : String(value);
    case 'boolean':
    case 'string':
      return String(value);
  }
}

function formatArray(values: readonly Value[], elementType: DataType): string {
  return `[${values.map((v) => formatValue(v, elementType)).join(', ')}]`;
}

function formatInteger(value: Value): string {
  // String(1e21) would switch to exponent notation; Java's Long.toString never does.
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e21) {
    return BigInt(value).toString();
  }
  return String(value);
}
