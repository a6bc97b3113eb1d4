/** Run metrics from an event log's AppModel, and their results.csv row. */
export { runMetrics, type RunMetrics, type RunMetricsOptions } from './runMetrics.js';
export { toRunRecord, type RunMeta } from './toRunRecord.js';
export { formatFailureReasons } from './failureReasons.js';
