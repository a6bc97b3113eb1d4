/** Result sets on disk (results.csv, summary.csv, summary.md, env.json, events/) and their reports. */
export { writeResults, readResults, listEventLogs, RESULT_FILES } from './result-files.js';
export { ResultFileError } from './result-file-error.js';
export type { ResultSet, LoadedResultSet, ResultEnv } from './result-set.js';
export { resultsCsv, parseResultsCsv, RUN_COLUMN_KINDS } from './results-csv.js';
export { summaryCsv, parseSummaryCsv, SUMMARY_COLUMNS } from './summary-csv.js';
export { markdownSummary } from './markdown-summary.js';
export { terminalTable } from './terminal-table.js';
export { renderResults, RESULT_FORMATS, type ResultFormat } from './formats.js';
export {
  compareResults,
  compareCells,
  COMPARE_FORMATS,
  COMPARE_METRICS,
  type CompareFormat,
  type CompareMetric,
  type CompareOptions,
  type CellComparison,
} from './compare.js';
export { compareStats, ciOverlap, type StatComparison, type Verdict } from './stat-compare.js';
export { cacheVsPersist, BASELINE_STORAGE, CACHE_STORAGE, REPLICATED_STORAGE, type CacheVsPersistRow, type CacheVsPersistTable } from './cache-vs-persist.js';
export { summaryRows, type SummaryRow } from './summary-rows.js';
export { NO_FAULT, cellKey } from './cell-order.js';
