import type { Stat } from '../results/run-record.js';
import { ResultFileError } from './result-file-error.js';

/** How a field is written to and read from a CSV cell. */
export type FieldKind = 'string' | 'status' | 'number' | 'number?' | 'boolean' | 'boolean?' | 'stat';

/**
 * The kind a field's TypeScript type needs. Tables of kinds are typed with this, so a field added to
 * RunRecord or CellSummary, or a changed type, fails to compile here instead of silently round-tripping wrong.
 */
export type KindOf<T> = [T] extends [boolean]
  ? 'boolean'
  : [T] extends [boolean | null]
    ? 'boolean?'
    : [T] extends [number]
      ? 'number'
      : [T] extends [number | null]
        ? 'number?'
        : [T] extends ['ok' | 'failed']
          ? 'status'
          : [T] extends [string]
            ? 'string'
            : [T] extends [Stat | null]
              ? 'stat'
              : never;

/** One kind per field of R, every field required. */
export type FieldKinds<R> = { readonly [K in keyof R]-?: KindOf<R[K]> };

// Decimal notation as String(number) writes it, plus the non-finite spellings it can produce,
// so a NaN that slipped into a record survives the round trip visibly instead of turning into 0.
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$|^(?:NaN|-?Infinity)$/;

/** The CSV text of a scalar value: empty for null, String() for numbers (exact round trip), true/false. */
export function encodeScalar(value: string | number | boolean | null): string {
  if (value === null) return '';
  return String(value);
}

export function decodeNumber(text: string, nullable: boolean, where: string): number | null {
  if (text === '') {
    if (nullable) return null;
    throw new ResultFileError(`${where}: empty, a number is required`);
  }
  if (!NUMBER.test(text)) throw new ResultFileError(`${where}: ${quote(text)} is not a number`);
  return Number(text);
}

/** Decodes one CSV cell of a scalar kind; `where` is `file:line column` for errors. */
export function decodeScalar(kind: Exclude<FieldKind, 'stat'>, text: string, where: string): string | number | boolean | null {
  switch (kind) {
    case 'string':
      return text;
    case 'status':
      if (text === 'ok' || text === 'failed') return text;
      throw new ResultFileError(`${where}: status must be ok or failed, got ${quote(text)}`);
    case 'number':
      return decodeNumber(text, false, where);
    case 'number?':
      return decodeNumber(text, true, where);
    case 'boolean':
    case 'boolean?':
      if (text === '' && kind === 'boolean?') return null;
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new ResultFileError(`${where}: expected true or false${kind === 'boolean?' ? ' or empty' : ''}, got ${quote(text)}`);
  }
}

/** A value for a one-line error message: JSON-quoted (so line breaks show as \n) and cut short. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
