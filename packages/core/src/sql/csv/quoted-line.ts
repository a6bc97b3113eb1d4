/**
 * The slow path: tokenizes one line that contains the quote character, the way univocity's
 * parser does with Spark's settings. A field opening with the quote runs to the closing quote;
 * inside it `escape` + quote and a doubled quote stand for the quote (and `escape` + `escape`
 * before a quote for the escape itself), the separator is plain text. A quote elsewhere is
 * plain text; text after a closing quote is kept as is up to the separator. Values spanning
 * lines (Spark's multiLine) are not supported: an unterminated quote ends at the line's end.
 *
 * Fields are written unescaped into `out.buf` back to back with one spare byte between them,
 * at `out.seps[c]` after field c, so the result has the same shape as a fast-path line
 * (fields split at separator positions) and goes through the same conversion code.
 */

export class TokenizedLine {
  buf: Buffer = Buffer.allocUnsafe(1024);
  seps: Int32Array = new Int32Array(64);
  /** quoted[c] is 1 when field c was quoted: an empty quoted field is "", not null. */
  quoted: Uint8Array = new Uint8Array(64);
  len = 0;
}

export interface QuoteChars {
  readonly sep: number;
  readonly quote: number;
  /** -1 for none. */
  readonly escape: number;
  readonly trimLeading: boolean;
  readonly trimTrailing: boolean;
}

/** Fills `out` from src[start, end) and returns the number of fields. */
export function tokenizeQuotedLine(src: Uint8Array, start: number, end: number, chars: QuoteChars, out: TokenizedLine): number {
  const { sep, quote, escape } = chars;
  if (out.buf.length < end - start + 1) out.buf = Buffer.allocUnsafe(2 * (end - start + 1));
  const dst = out.buf;
  let i = start;
  let w = 0;
  let c = 0;
  for (;;) {
    if (chars.trimLeading) while (i < end && src[i] <= 0x20 && src[i] !== sep) i++;
    const fieldStart = w;
    let quoted = 0;
    if (i < end && src[i] === quote) {
      quoted = 1;
      for (i++; i < end; ) {
        const b = src[i];
        if (b === escape && escape !== quote && i + 1 < end) {
          const next = src[i + 1];
          if (next === quote) {
            dst[w++] = quote;
            i += 2;
            continue;
          }
          if (next === escape && i + 2 < end && src[i + 2] === quote) {
            dst[w++] = escape;
            i += 2;
            continue;
          }
        }
        if (b === quote) {
          if (i + 1 < end && src[i + 1] === quote) {
            dst[w++] = quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        dst[w++] = b;
        i++;
      }
      let j = i;
      while (j < end && src[j] !== sep && src[j] <= 0x20) j++;
      if (j === end || src[j] === sep) i = j;
      else while (i < end && src[i] !== sep) dst[w++] = src[i++];
    } else {
      while (i < end && src[i] !== sep) dst[w++] = src[i++];
      if (chars.trimTrailing) while (w > fieldStart && dst[w - 1] <= 0x20) w--;
    }
    if (c >= out.seps.length) grow(out);
    out.quoted[c] = quoted;
    if (i >= end) {
      out.len = w;
      return c + 1;
    }
    out.seps[c++] = w++;
    i++; // past the separator
  }
}

function grow(out: TokenizedLine): void {
  const seps = new Int32Array(out.seps.length * 2);
  seps.set(out.seps);
  out.seps = seps;
  const quoted = new Uint8Array(out.quoted.length * 2);
  quoted.set(out.quoted);
  out.quoted = quoted;
}
