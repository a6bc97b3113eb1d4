/** @sparkbench/core — the engine: a PySpark-like DataFrame API over RDD lineage, stages and a block manager. */
export { SparkSession, SparkSessionBuilder } from './sql/sparkSession.js';
export { DataFrame, type ResultSummary } from './sql/dataFrame.js';
export { DataFrameReader } from './sql/dataFrameReader.js';
export { GroupedData } from './sql/groupedData.js';
export { Column, col, column, lit, type ColumnOrName } from './sql/column.js';
export * as functions from './sql/functions.js';
export { max, min, sum, avg, mean, count, collect_set, collect_list } from './sql/functions.js';
export { AnalysisException } from './sql/analysisException.js';
export { showString } from './sql/show.js';
export { treeString } from './sql/printSchema.js';
export { formatValue } from './sql/valueFormat.js';
export { canonicalRow, digestOfRows } from './executor/rowHash.js';
export * from './sql/types.js';
export { MalformedCsvError, CsvOptionError, CsvInputError } from './sql/csv/index.js';

export { SparkContext } from './sparkContext.js';
export { SparkConf, ConfigError } from './conf/sparkConf.js';
export { SparkException } from './scheduler/dagScheduler.js';
export { registerBackendFactory, InvalidMasterError, type BackendFactory, type BackendContext } from './masterUrl.js';
export type { SchedulerBackend, BackendEvents, ExecutorLossReason } from './scheduler/schedulerBackend.js';
export type { SchedulerListener, StageView, TaskView, TaskEndReasonView, ExecutorView } from './scheduler/schedulerListener.js';
export { emptyMetrics, type TaskDescription, type TaskOutcome, type UpdatedBlock, type ResultAction, type TaskMetricsData } from './scheduler/task.js';
export type { MapStatus } from './shuffle/mapStatus.js';
export { Executor, type ExecutorOptions, type RemoteFetcher } from './executor/executor.js';
export { distFile } from './executor/distFile.js';
export { readShuffleSlice } from './shuffle/shuffleFiles.js';
export { Logger, formatLogLine, type LogLevel } from './log/logger.js';
export { addShutdownHook } from './shutdownHooks.js';
export { systemClock, type Clock } from './clock.js';

export { StorageLevel, UnknownStorageLevelError, parseMemoryString, storageMemoryBytes, bytesToString, BlockManager, type BlockStatus, type PutResult } from './storage/index.js';
export { serializeRows, deserializeRows } from './serializer/index.js';
export * as events from './events/index.js';
export { EventLogListener, CACHE_ACCUMULABLES } from './events/eventLogListener.js';
export { ConsoleProgressBar, renderStageBar } from './ui/consoleProgressBar.js';
