/**
 * Java's `Double.toString`, which Spark uses when it casts a double to a string (and so in show()).
 *
 * Digits are the shortest that read back to the same double, as JDK 19+ prints them (JDK-4511638);
 * older JDKs sometimes print a longer tail, e.g. `2.82879384806159008E17`.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const { digits, exponent } = shortestDecimal(Math.abs(d));
  // Plain notation for 10^-3 <= |d| < 10^7, otherwise computerized scientific notation.
  if (exponent >= -3 && exponent < 7) return sign + plain(digits, exponent);
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/** Significant digits (no trailing zeros) and the power of ten of the first one. */
interface Decimal {
  readonly digits: string;
  readonly exponent: number;
}

function shortestDecimal(x: number): Decimal {
  // JS's Number#toString is specified to give the shortest digits closest to x, like JDK 19+.
  const shortest = parseDecimal(String(x));
  if (shortest.digits.length > 1) return shortest;
  // Java then picks the closest of all 1- and 2-digit decimals that read back to x:
  // Double.MIN_VALUE prints 4.9E-324 where JS prints 5e-324.
  const twoDigits = x.toExponential(1);
  return Number(twoDigits) === x ? parseDecimal(twoDigits) : shortest;
}

function parseDecimal(text: string): Decimal {
  const [coefficient, exponentPart] = text.split('e');
  const dot = coefficient.indexOf('.');
  const intPart = dot < 0 ? coefficient : coefficient.slice(0, dot);
  const allDigits = intPart + (dot < 0 ? '' : coefficient.slice(dot + 1));
  const lead = allDigits.search(/[1-9]/);
  return {
    digits: allDigits.slice(lead).replace(/0+$/, ''),
    exponent: Number(exponentPart ?? 0) + intPart.length - 1 - lead,
  };
}

/** Plain notation, with at least one digit after the point as Java prints `100.0`. */
function plain(digits: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intDigits = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${intDigits}.${digits.slice(exponent + 1) || '0'}`;
}
