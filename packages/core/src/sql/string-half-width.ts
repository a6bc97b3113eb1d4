/** Code units that a terminal draws two columns wide (East Asian full width), as Spark lists them. */
const FULL_WIDTH =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

/**
 * Spark's Utils.stringHalfWidth: the width of a string in half-width columns, counting UTF-16
 * code units as Java's String.length does and one extra column for each full-width character.
 */
export function stringHalfWidth(text: string): number {
  return text.length + (text.match(FULL_WIDTH)?.length ?? 0);
}
