/** Result sets on disk (results.csv, summary.csv, summary.md, env.json, events/) and their reports. */
export { writeResults, readResults, listEventLogs, RESULT_FILES } from './resultFiles.js';
export { ResultFileError } from './resultFileError.js';
export type { ResultSet, LoadedResultSet, ResultEnv } from './resultSet.js';
export { resultsCsv, parseResultsCsv, RUN_COLUMN_KINDS } from './resultsCsv.js';
export { summaryCsv, parseSummaryCsv, SUMMARY_COLUMNS } from './summaryCsv.js';
export { markdownSummary } from './markdownSummary.js';
export { terminalTable } from './terminalTable.js';
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
export { compareStats, ciOverlap, type StatComparison, type Verdict } from './statCompare.js';
export { cacheVsPersist, BASELINE_STORAGE, CACHE_STORAGE, REPLICATED_STORAGE, type CacheVsPersistRow, type CacheVsPersistTable } from './cacheVsPersist.js';
export { summaryRows, type SummaryRow } from './summaryRows.js';
export { NO_FAULT, cellKey } from './cellOrder.js';
