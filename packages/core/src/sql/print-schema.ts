import { escapeMetaCharacters } from './escape-meta-characters.js';
import { typeName } from './types.js';
import type { DataType, Schema } from './types.js';

/**
 * Spark's StructType.treeString, the text that printSchema() prints (println adds one more newline):
 *
 *     root
 *      |-- user_id: array (nullable = true)
 *      |    |-- element: integer (containsNull = false)
 *
 * `level` is printSchema(level): how many levels of nesting to print; absent or <= 0 prints all.
 */
export function treeString(schema: Schema, level?: number): string {
  const maxDepth = level !== undefined && level > 0 ? level : Infinity;
  const prefix = ' |';
  const fields = schema.map(
    (f) =>
      `${prefix}-- ${escapeMetaCharacters(f.name)}: ${typeName(f.type)} (nullable = ${f.nullable})\n` +
      nestedLines(f.type, prefix, maxDepth - 1),
  );
  return `root\n${fields.join('')}`;
}

/** The lines under a field or element of this type, with `depth` levels still allowed. */
function nestedLines(type: DataType, parentPrefix: string, depth: number): string {
  if (typeof type === 'string' || depth <= 0) return '';
  const prefix = `${parentPrefix}    |`;
  return (
    `${prefix}-- element: ${typeName(type.elementType)} (containsNull = ${type.containsNull})\n` +
    nestedLines(type.elementType, prefix, depth - 1)
  );
}
