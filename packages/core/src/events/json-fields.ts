/**
 * Narrowing readers for parsed event-log JSON. Logs come from many Spark versions, so
 * every field is optional at read time: a reader returns `undefined` rather than throw,
 * and the caller picks the default Spark itself uses for that field.
 */

/** A parsed JSON object, the only shape we index into. */
export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectField(json: JsonObject, key: string): JsonObject | undefined {
  const value = json[key];
  return isJsonObject(value) ? value : undefined;
}

export function arrayField(json: JsonObject, key: string): readonly unknown[] | undefined {
  const value = json[key];
  return Array.isArray(value) ? value : undefined;
}

export function numberField(json: JsonObject, key: string): number | undefined {
  const value = json[key];
  return typeof value === 'number' ? value : undefined;
}

export function stringField(json: JsonObject, key: string): string | undefined {
  const value = json[key];
  return typeof value === 'string' ? value : undefined;
}

export function booleanField(json: JsonObject, key: string): boolean | undefined {
  const value = json[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** Numbers in a JSON array, skipping anything else. */
export function numberArrayField(json: JsonObject, key: string): number[] | undefined {
  return arrayField(json, key)?.filter((v): v is number => typeof v === 'number');
}

/** A `{string: string}` map such as "Log Urls" or "Properties"; non-string values are dropped. */
export function stringMapField(json: JsonObject, key: string): Record<string, string> | undefined {
  const value = objectField(json, key);
  if (value === undefined) return undefined;
  const map: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') map[k] = v;
  return map;
}
