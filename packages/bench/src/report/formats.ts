import { markdownSummary } from './markdown-summary.js';
import type { ResultSet } from './result-set.js';
import { summaryCsv } from './summary-csv.js';
import { terminalTable } from './terminal-table.js';

export const RESULT_FORMATS = ['table', 'md', 'csv', 'json'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/**
 * A result set as text: `table` for a terminal, `md` as summary.md, `csv` as summary.csv (one row per
 * cell; the per-run rows are results.csv itself), `json` as one object with env, cells and records for
 * scripts (jq) to pick from.
 */
export function renderResults(set: ResultSet, format: ResultFormat): string {
  switch (format) {
    case 'table':
      return terminalTable(set.cells);
    case 'md':
      return markdownSummary(set.cells, set.env);
    case 'csv':
      return summaryCsv(set.cells);
    case 'json':
      return `${JSON.stringify({ env: set.env, cells: set.cells, records: set.records }, null, 2)}\n`;
  }
}
