/** Run metrics from an event log's AppModel, and their results.csv row. */
export { runMetrics, type RunMetrics, type RunMetricsOptions } from './run-metrics.js';
export { toRunRecord, type RunMeta } from './to-run-record.js';
export { formatFailureReasons } from './failure-reasons.js';
