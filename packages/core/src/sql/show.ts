import { escapeMetaCharacters } from './escape-meta-characters.js';
import { stringHalfWidth } from './string-half-width.js';
import type { Row, Schema } from './types.js';
import { formatValue } from './value-format.js';

/** Spark caps numRows below its largest array length (ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH - 1). */
const MAX_NUM_ROWS = 2_147_483_631;
const MIN_COLUMN_WIDTH = 3;

/**
 * The text of `df.show(numRows, truncate, vertical)`, as Spark 3.5's Dataset.showString builds it,
 * ending in a newline (show() prints it with println, so the console shows one more).
 *
 * Contract: pass up to numRows + 1 rows, as Spark fetches take(numRows + 1); rows past numRows are
 * not shown, and their presence makes the `only showing top N rows` footer. A caller that knows
 * there is more data without passing it says so with `hasMoreData`, which then decides the footer.
 *
 * `truncate`: true is 20 and false is 0, as in PySpark. Above 0, cells longer than it are cut and
 * cells are right-aligned; otherwise cells are whole and left-aligned.
 */
export function showString(
  schema: Schema,
  rows: readonly Row[],
  numRows = 20,
  truncate: number | boolean = 20,
  vertical = false,
  hasMoreData?: boolean,
): string {
  const shown = Math.min(Math.max(Math.trunc(numRows) || 0, 0), MAX_NUM_ROWS);
  const width = truncate === true ? 20 : truncate === false ? 0 : Math.trunc(truncate);
  const header = schema.map((f) => escapeMetaCharacters(f.name));
  const cells = rows
    .slice(0, shown)
    .map((row) => schema.map((f, i) => truncateCell(escapeMetaCharacters(formatValue(row[i] ?? null, f.type)), width)));

  const body = vertical ? verticalTable(header, cells) : table(header, cells, width > 0);
  if (vertical && cells.length === 0) return `${body}(0 rows)\n`;
  if (hasMoreData ?? rows.length > shown) return `${body}only showing top ${shown} ${shown === 1 ? 'row' : 'rows'}\n`;
  return body;
}

function truncateCell(cell: string, width: number): string {
  if (width <= 0 || cell.length <= width) return cell;
  // Too short for an ellipsis: cut without one.
  return width < 4 ? cell.slice(0, width) : `${cell.slice(0, width - 3)}...`;
}

function table(header: readonly string[], cells: readonly string[][], alignRight: boolean): string {
  const widths = header.map(() => MIN_COLUMN_WIDTH);
  for (const line of [header, ...cells]) {
    line.forEach((cell, i) => (widths[i] = Math.max(widths[i], stringHalfWidth(cell))));
  }
  const render = (line: readonly string[]): string =>
    `|${line.map((cell, i) => (alignRight ? padLeft : padRight)(cell, widths[i])).join('|')}|\n`;
  const separator = `+${widths.map((w) => '-'.repeat(w)).join('+')}+\n`;
  return separator + render(header) + separator + cells.map(render).join('') + separator;
}

/** One `-RECORD i` block per row, each line ` name | value ` padded to the widest name and value. */
function verticalTable(header: readonly string[], cells: readonly string[][]): string {
  const widest = (texts: readonly string[]): number =>
    texts.reduce((max, text) => Math.max(max, stringHalfWidth(text)), MIN_COLUMN_WIDTH);
  const nameWidth = widest(header);
  const dataWidth = cells.reduce((max, line) => Math.max(max, widest(line)), MIN_COLUMN_WIDTH);
  return cells
    .map((line, i) => {
      const record = `-RECORD ${i}`.padEnd(nameWidth + dataWidth + 5, '-');
      const fields = line.map((cell, j) => ` ${padRight(header[j], nameWidth)} | ${padRight(cell, dataWidth)} `);
      return `${record}\n${fields.join('\n')}\n`;
    })
    .join('');
}

function padLeft(cell: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringHalfWidth(cell))) + cell;
}

function padRight(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - stringHalfWidth(cell)));
}
