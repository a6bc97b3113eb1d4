/** @sparkbench/core — the engine: a PySpark-like DataFrame API over RDD lineage, stages and a block manager. */
export { SparkSession, SparkSessionBuilder } from './sql/spark-session.js';
export { DataFrame, type ResultSummary } from './sql/data-frame.js';
export { DataFrameReader } from './sql/data-frame-reader.js';
export { GroupedData } from './sql/grouped-data.js';
export { Column, col, column, lit, type ColumnOrName } from './sql/column.js';
export * as functions from './sql/functions.js';
export { max, min, sum, avg, mean, count, collect_set, collect_list } from './sql/functions.js';
export { AnalysisException } from './sql/analysis-exception.js';
export { showString } from './sql/show.js';
export { treeString } from './sql/print-schema.js';
export { formatValue } from './sql/value-format.js';
export { canonicalRow, digestOfRows } from './executor/row-hash.js';
export * from './sql/types.js';
export { MalformedCsvError, CsvOptionError, CsvInputError } from './sql/csv/index.js';

export { SparkContext } from './spark-context.js';
export { SparkConf, ConfigError } from './conf/spark-conf.js';
export { SparkException } from './scheduler/dag-scheduler.js';
export { registerBackendFactory, InvalidMasterError, type BackendFactory, type BackendContext } from './master-url.js';
export type { SchedulerBackend, BackendEvents, ExecutorLossReason } from './scheduler/scheduler-backend.js';
export type { SchedulerListener, StageView, TaskView, TaskEndReasonView, ExecutorView } from './scheduler/scheduler-listener.js';
export { emptyMetrics, type TaskDescription, type TaskOutcome, type UpdatedBlock, type ResultAction, type TaskMetricsData } from './scheduler/task.js';
export type { MapStatus } from './shuffle/map-status.js';
export { Executor, type ExecutorOptions, type RemoteFetcher } from './executor/executor.js';
export { distFile } from './executor/dist-file.js';
export { readShuffleSlice } from './shuffle/shuffle-files.js';
export { Logger, formatLogLine, type LogLevel } from './log/logger.js';
export { addShutdownHook } from './shutdown-hooks.js';
export { systemClock, type Clock } from './clock.js';

export { StorageLevel, UnknownStorageLevelError, parseMemoryString, storageMemoryBytes, bytesToString, BlockManager, type BlockStatus, type PutResult } from './storage/index.js';
export { serializeRows, deserializeRows } from './serializer/index.js';
export * as events from './events/index.js';
export { EventLogListener, CACHE_ACCUMULABLES } from './events/event-log-listener.js';
export { ConsoleProgressBar, renderStageBar } from './ui/console-progress-bar.js';
