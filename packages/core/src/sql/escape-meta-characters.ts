/** Control characters that would break show() and printSchema layouts, as Spark escapes them. */
const ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '\b': '\\b',
  '\v': '\\v',
  '\u0007': '\\a',
};

/** Spark's SchemaUtils.escapeMetaCharacters (SPARK-33690 for cells, SPARK-34308 for schemas). */
export function escapeMetaCharacters(text: string): string {
  return text.replace(/[\n\r\t\f\b\v\u0007]/g, (c) => ESCAPES[c]);
}
