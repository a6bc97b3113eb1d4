/**
 * Spark SQL data types, by their Spark simple names, and how each value is held in JavaScript.
 *
 * A row is a plain array, one slot per column of its schema, so rows serialise cheaply and cross
 * thread and process boundaries as data.
 *
 * | Spark type | simpleString | JS value                                                        |
 * |------------|--------------|-----------------------------------------------------------------|
 * | IntegerType| int          | number (32-bit integer)                                         |
 * | LongType   | bigint       | number while |v| <= 2^53 - 1, otherwise bigint (exact 64-bit)  |
 * | DoubleType | double       | number                                                          |
 * | BooleanType| boolean      | boolean                                                         |
 * | TimestampType | timestamp | number: microseconds since the Unix epoch, UTC (as Spark holds it) |
 * | StringType | string       | string                                                          |
 * | ArrayType  | array<elem>  | array of the element's values                                   |
 * Every type is nullable; null is `null`.
 */
export type AtomicType = 'int' | 'bigint' | 'double' | 'boolean' | 'timestamp' | 'string';
export interface ArrayType {
  readonly kind: 'array';
  readonly elementType: DataType;
  readonly containsNull: boolean;
}
export type DataType = AtomicType | ArrayType;

export interface StructField {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

/** A schema is an ordered list of fields (Spark's StructType). */
export type Schema = readonly StructField[];

export type Value = number | bigint | string | boolean | null | Value[];
export type Row = Value[];

export function arrayOf(elementType: DataType, containsNull = false): ArrayType {
  return { kind: 'array', elementType, containsNull };
}

/** Spark's `simpleString` of a type: `int`, `bigint`, `array<int>`, ... */
export function simpleString(type: DataType): string {
  return typeof type === 'string' ? type : `array<${simpleString(type.elementType)}>`;
}

/** Spark's class-style name used by printSchema: `integer`, `long`, `array`, ... */
export function typeName(type: DataType): string {
  if (typeof type !== 'string') return 'array';
  switch (type) {
    case 'int':
      return 'integer';
    case 'bigint':
      return 'long';
    default:
      return type;
  }
}

export function isNumeric(type: DataType): boolean {
  return type === 'int' || type === 'bigint' || type === 'double';
}

export function field(name: string, type: DataType, nullable = true): StructField {
  return { name, type, nullable };
}
