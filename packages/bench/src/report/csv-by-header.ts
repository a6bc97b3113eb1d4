import { parseCsv } from './csv.js';
import { ResultFileError } from './result-file-error.js';

/**
 * The data rows of CSV `text`, each built by `decode` from its fields looked up by header name. Columns
 * are found by name so that a file whose columns were reordered (a spreadsheet round trip) still reads;
 * a `required` column missing from the header is an error, an extra one is ignored, and a row must have
 * as many fields as the header. `where` names the file in errors.
 */
export function parseCsvByHeader<T>(
  text: string,
  where: string,
  required: readonly string[],
  decode: (at: (column: string) => string, line: number) => T,
): T[] {
  const [header, ...rows] = parseCsv(text, where);
  if (header === undefined) throw new ResultFileError(`${where}: empty file, expected a header row`);
  const index = new Map(header.fields.map((name, i) => [name, i]));
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) throw new ResultFileError(`${where}: missing column(s) ${missing.join(', ')}`);
  return rows.map(({ fields, line }) => {
    if (fields.length !== header.fields.length) {
      throw new ResultFileError(`${where}:${line}: ${fields.length} fields, the header has ${header.fields.length}`);
    }
    return decode((column) => fields[index.get(column)!], line);
  });
}
