/**
 * What a task measured: Spark's TaskMetrics flattened to camelCase numbers. The engine fills one
 * for each task end, and the reader turns any Spark version's "Task Metrics" back into one.
 * Units follow Spark: times in ms, except CPU times and shuffle write time in ns.
 */
import { isJsonObject, numberField, objectField, type JsonObject } from './json-fields.js';
import { updatedBlockJson, type UpdatedBlock, type UpdatedBlockJson } from './storage.js';

export interface TaskMetrics {
  executorDeserializeTime: number;
  executorDeserializeCpuTime: number;
  executorRunTime: number;
  executorCpuTime: number;
  peakExecutionMemory: number;
  resultSize: number;
  jvmGcTime: number;
  resultSerializationTime: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  inputBytes: number;
  inputRecords: number;
  outputBytes: number;
  outputRecords: number;
  shuffleRemoteBlocksFetched: number;
  shuffleLocalBlocksFetched: number;
  shuffleFetchWaitTime: number;
  shuffleRemoteBytesRead: number;
  shuffleRemoteBytesReadToDisk: number;
  shuffleLocalBytesRead: number;
  shuffleRecordsRead: number;
  shuffleRemoteReqsDuration: number;
  shuffleBytesWritten: number;
  shuffleWriteTime: number;
  shuffleRecordsWritten: number;
}

export function emptyTaskMetrics(): TaskMetrics {
  return {
    executorDeserializeTime: 0,
    executorDeserializeCpuTime: 0,
    executorRunTime: 0,
    executorCpuTime: 0,
    peakExecutionMemory: 0,
    resultSize: 0,
    jvmGcTime: 0,
    resultSerializationTime: 0,
    memoryBytesSpilled: 0,
    diskBytesSpilled: 0,
    inputBytes: 0,
    inputRecords: 0,
    outputBytes: 0,
    outputRecords: 0,
    shuffleRemoteBlocksFetched: 0,
    shuffleLocalBlocksFetched: 0,
    shuffleFetchWaitTime: 0,
    shuffleRemoteBytesRead: 0,
    shuffleRemoteBytesReadToDisk: 0,
    shuffleLocalBytesRead: 0,
    shuffleRecordsRead: 0,
    shuffleRemoteReqsDuration: 0,
    shuffleBytesWritten: 0,
    shuffleWriteTime: 0,
    shuffleRecordsWritten: 0,
  };
}

/** Shuffle bytes a task read, local and remote together (the Spark UI's "Shuffle Read"). */
export function shuffleBytesRead(metrics: TaskMetrics): number {
  return metrics.shuffleRemoteBytesRead + metrics.shuffleLocalBytesRead;
}

export interface ShufflePushReadMetricsJson {
  'Corrupt Merged Block Chunks': number;
  'Merged Fetch Fallback Count': number;
  'Merged Remote Blocks Fetched': number;
  'Merged Local Blocks Fetched': number;
  'Merged Remote Chunks Fetched': number;
  'Merged Local Chunks Fetched': number;
  'Merged Remote Bytes Read': number;
  'Merged Local Bytes Read': number;
  'Merged Remote Requests Duration': number;
}

export interface ShuffleReadMetricsJson {
  'Remote Blocks Fetched': number;
  'Local Blocks Fetched': number;
  'Fetch Wait Time': number;
  'Remote Bytes Read': number;
  'Remote Bytes Read To Disk': number;
  'Local Bytes Read': number;
  'Total Records Read': number;
  'Remote Requests Duration': number;
  'Shuffle Push Read Metrics': ShufflePushReadMetricsJson;
}

export interface ShuffleWriteMetricsJson {
  'Shuffle Bytes Written': number;
  'Shuffle Write Time': number;
  'Shuffle Records Written': number;
}

export interface InputMetricsJson {
  'Bytes Read': number;
  'Records Read': number;
}

export interface OutputMetricsJson {
  'Bytes Written': number;
  'Records Written': number;
}

export interface TaskMetricsJson {
  'Executor Deserialize Time': number;
  'Executor Deserialize CPU Time': number;
  'Executor Run Time': number;
  'Executor CPU Time': number;
  'Peak Execution Memory': number;
  'Result Size': number;
  'JVM GC Time': number;
  'Result Serialization Time': number;
  'Memory Bytes Spilled': number;
  'Disk Bytes Spilled': number;
  'Shuffle Read Metrics': ShuffleReadMetricsJson;
  'Shuffle Write Metrics': ShuffleWriteMetricsJson;
  'Input Metrics': InputMetricsJson;
  'Output Metrics': OutputMetricsJson;
  'Updated Blocks': UpdatedBlockJson[];
}

// We have no push-based shuffle; Spark 3.2+ still writes these, all zero in that case.
const NO_PUSH_READS: ShufflePushReadMetricsJson = {
  'Corrupt Merged Block Chunks': 0,
  'Merged Fetch Fallback Count': 0,
  'Merged Remote Blocks Fetched': 0,
  'Merged Local Blocks Fetched': 0,
  'Merged Remote Chunks Fetched': 0,
  'Merged Local Chunks Fetched': 0,
  'Merged Remote Bytes Read': 0,
  'Merged Local Bytes Read': 0,
  'Merged Remote Requests Duration': 0,
};

export function taskMetricsJson(m: TaskMetrics, updatedBlocks: readonly UpdatedBlock[] = []): TaskMetricsJson {
  return {
    'Executor Deserialize Time': m.executorDeserializeTime,
    'Executor Deserialize CPU Time': m.executorDeserializeCpuTime,
    'Executor Run Time': m.executorRunTime,
    'Executor CPU Time': m.executorCpuTime,
    'Peak Execution Memory': m.peakExecutionMemory,
    'Result Size': m.resultSize,
    'JVM GC Time': m.jvmGcTime,
    'Result Serialization Time': m.resultSerializationTime,
    'Memory Bytes Spilled': m.memoryBytesSpilled,
    'Disk Bytes Spilled': m.diskBytesSpilled,
    'Shuffle Read Metrics': {
      'Remote Blocks Fetched': m.shuffleRemoteBlocksFetched,
      'Local Blocks Fetched': m.shuffleLocalBlocksFetched,
      'Fetch Wait Time': m.shuffleFetchWaitTime,
      'Remote Bytes Read': m.shuffleRemoteBytesRead,
      'Remote Bytes Read To Disk': m.shuffleRemoteBytesReadToDisk,
      'Local Bytes Read': m.shuffleLocalBytesRead,
      'Total Records Read': m.shuffleRecordsRead,
      'Remote Requests Duration': m.shuffleRemoteReqsDuration,
      'Shuffle Push Read Metrics': { ...NO_PUSH_READS },
    },
    'Shuffle Write Metrics': {
      'Shuffle Bytes Written': m.shuffleBytesWritten,
      'Shuffle Write Time': m.shuffleWriteTime,
      'Shuffle Records Written': m.shuffleRecordsWritten,
    },
    'Input Metrics': { 'Bytes Read': m.inputBytes, 'Records Read': m.inputRecords },
    'Output Metrics': { 'Bytes Written': m.outputBytes, 'Records Written': m.outputRecords },
    'Updated Blocks': updatedBlocks.map(updatedBlockJson),
  };
}

/**
 * Reads "Task Metrics" from any Spark version. Fields a version did not write read as 0, as in
 * Spark's own reader: 1.x has no CPU times, no "Local Bytes Read" before 1.3, no record counts
 * before 1.3, and "Input Metrics" carries a "Data Read Method" we ignore.
 */
export function readTaskMetrics(json: unknown): TaskMetrics {
  const m = emptyTaskMetrics();
  if (!isJsonObject(json)) return m;
  const n = (o: JsonObject | undefined, key: string): number => (o === undefined ? 0 : numberField(o, key) ?? 0);
  m.executorDeserializeTime = n(json, 'Executor Deserialize Time');
  m.executorDeserializeCpuTime = n(json, 'Executor Deserialize CPU Time');
  m.executorRunTime = n(json, 'Executor Run Time');
  m.executorCpuTime = n(json, 'Executor CPU Time');
  m.peakExecutionMemory = n(json, 'Peak Execution Memory');
  m.resultSize = n(json, 'Result Size');
  m.jvmGcTime = n(json, 'JVM GC Time');
  m.resultSerializationTime = n(json, 'Result Serialization Time');
  m.memoryBytesSpilled = n(json, 'Memory Bytes Spilled');
  m.diskBytesSpilled = n(json, 'Disk Bytes Spilled');
  const read = objectField(json, 'Shuffle Read Metrics');
  m.shuffleRemoteBlocksFetched = n(read, 'Remote Blocks Fetched');
  m.shuffleLocalBlocksFetched = n(read, 'Local Blocks Fetched');
  m.shuffleFetchWaitTime = n(read, 'Fetch Wait Time');
  m.shuffleRemoteBytesRead = n(read, 'Remote Bytes Read');
  m.shuffleRemoteBytesReadToDisk = n(read, 'Remote Bytes Read To Disk');
  m.shuffleLocalBytesRead = n(read, 'Local Bytes Read');
  m.shuffleRecordsRead = n(read, 'Total Records Read');
  m.shuffleRemoteReqsDuration = n(read, 'Remote Requests Duration');
  const write = objectField(json, 'Shuffle Write Metrics');
  m.shuffleBytesWritten = n(write, 'Shuffle Bytes Written');
  m.shuffleWriteTime = n(write, 'Shuffle Write Time');
  m.shuffleRecordsWritten = n(write, 'Shuffle Records Written');
  const input = objectField(json, 'Input Metrics');
  m.inputBytes = n(input, 'Bytes Read');
  m.inputRecords = n(input, 'Records Read');
  const output = objectField(json, 'Output Metrics');
  m.outputBytes = n(output, 'Bytes Written');
  m.outputRecords = n(output, 'Records Written');
  return m;
}
