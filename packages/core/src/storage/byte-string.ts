/** Spark's size suffixes (JavaUtils.byteStringAs): binary multiples, `k` and `kb` alike. */
export type ByteUnit = 'b' | 'k' | 'm' | 'g' | 't' | 'p';

const UNIT_BYTES: Record<ByteUnit, number> = { b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };
const SUFFIXES: Record<string, ByteUnit> = { b: 'b', k: 'k', kb: 'k', m: 'm', mb: 'm', g: 'g', gb: 'g', t: 't', tb: 't', p: 'p', pb: 'p' };
const USAGE = 'Size must be specified as bytes (b), kibibytes (k), mebibytes (m), gibibytes (g), tebibytes (t), or pebibytes (p). E.g. 50b, 100k, or 250m.';

/** Thrown by {@link parseMemoryString}; one line naming the input and the accepted forms. */
export class InvalidMemoryStringError extends Error {
  override readonly name = 'InvalidMemoryStringError';
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`Invalid size "${input}": ${reason}. ${USAGE}`);
  }
}

/**
 * Bytes in a Spark size string such as `1g`, `512m`, `1024k`, `2048` (case-insensitive, integers only).
 *
 * A bare number is in `defaultUnit`, which defaults to MiB because that is how Spark reads
 * `spark.executor.memory` / `--executor-memory` (`bytesConf(ByteUnit.MiB)`: `2048` is 2 GiB). Pass `'b'`
 * for JavaUtils.byteStringAsBytes, where a bare number is bytes.
 */
export function parseMemoryString(input: string, defaultUnit: ByteUnit = 'm'): number {
  const text = input.trim().toLowerCase();
  const whole = /^(\d+)([a-z]+)?$/.exec(text);
  if (whole === null) {
    const reason = /^\d+\.\d+[a-z]*$/.test(text) ? 'fractional values are not supported' : 'not a size';
    throw new InvalidMemoryStringError(input, reason);
  }
  const suffix = whole[2];
  const unit = suffix === undefined ? defaultUnit : SUFFIXES[suffix];
  if (unit === undefined) throw new InvalidMemoryStringError(input, `invalid suffix "${suffix}"`);
  const bytes = Number(whole[1]) * UNIT_BYTES[unit];
  if (!Number.isSafeInteger(bytes)) throw new InvalidMemoryStringError(input, 'too large');
  return bytes;
}

/**
 * Spark's Utils.bytesToString: one decimal in the largest binary unit that leaves at least 2 of it,
 * e.g. `44.6 MiB`, `1536.0 KiB`, `100.0 B`.
 */
export function bytesToString(bytes: number): string {
  const units: Array<[string, number]> = [
    ['PiB', 2 ** 50],
    ['TiB', 2 ** 40],
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ];
  for (const [name, size] of units) if (bytes >= 2 * size) return `${(bytes / size).toFixed(1)} ${name}`;
  return `${bytes.toFixed(1)} B`;
}
