import { ResultFileError } from './result-file-error.js';

/**
 * A small RFC 4180 CSV writer and reader. bench does not depend on csv-parse/csv-stringify, and the
 * result files only need the core of the RFC: comma separators, double-quoted fields, doubled quotes
 * inside them, and line breaks inside quoted fields (a failure_reason can hold a stack trace).
 */

/** A parsed row and the 1-based line it starts on, so errors can point into the file. */
export interface CsvRow {
  readonly fields: readonly string[];
  readonly line: number;
}

/** Quotes a field when the RFC requires it (comma, quote, CR, LF); also on edge whitespace, which some readers trim. */
export function csvField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** Rows joined with LF (the reader takes CRLF too); ends with a line break so files concatenate and diff cleanly. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/**
 * Every row of `text`. Blank lines at the end are not rows; a blank line elsewhere is a row of one empty
 * field, which the caller rejects by its field count. `where` names the file in errors.
 */
export function parseCsv(text: string, where: string): CsvRow[] {
  const rows: CsvRow[] = [];
  // Spreadsheet programs prepend a BOM when they re-save a file.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const rowLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const openLine = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new ResultFileError(`${where}:${openLine}: unterminated quoted field`);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        const next = text[i];
        if (i < text.length && next !== ',' && next !== '\n' && next !== '\r') {
          throw new ResultFileError(`${where}:${line}: unexpected character after a closing quote`);
        }
      } else {
        const start = i;
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new ResultFileError(`${where}:${line}: quote inside an unquoted field`);
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      // End of row: CRLF, LF, a lone CR, or end of text.
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    rows.push({ fields, line: rowLine });
  }
  // Blank lines at the end (an editor's extra newline) are not rows.
  while (rows.length > 0 && rows[rows.length - 1].fields.length === 1 && rows[rows.length - 1].fields[0] === '') rows.pop();
  return rows;
}
