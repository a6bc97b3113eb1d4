import type { DataType, Value } from './types.js';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(?:UTC|Z)?$/;

/** Parses a timestamp literal such as '2019-10-05' or '2019-10-05 12:00:00' into microseconds (UTC). */
export function parseTimestampLiteral(s: string): number | null {
  const m = TIMESTAMP.exec(s.trim());
  if (m === null) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const frac = m[7] === undefined ? 0 : Number(m[7].padEnd(6, '0'));
  return ms * 1000 + frac;
}

/**
 * Spark casts a literal to the type of the column it is compared with: `event_time > '2019-10-05'` compares
 * timestamps, `price > '10'` compares doubles. A literal that does not cast becomes null (non-ANSI mode).
 */
export function coerceLiteral(value: Value, to: DataType): Value {
  if (typeof value !== 'string') return value;
  switch (to) {
    case 'timestamp':
      return parseTimestampLiteral(value);
    case 'int':
    case 'bigint':
    case 'double': {
      const n = Number(value.trim());
      return value.trim() === '' || Number.isNaN(n) ? null : n;
    }
    case 'boolean': {
      const t = value.trim().toLowerCase();
      return t === 'true' ? true : t === 'false' ? false : null;
    }
    default:
      return value;
  }
}
