// Builders of Spark-format events (the JSON Spark's EventLoggingListener writes), for hand-made logs
// whose every figure is known in advance.

type Json = Record<string, unknown>;

const LEVELS: Record<string, [boolean, boolean, boolean, number]> = {
  NONE: [false, false, false, 1],
  MEMORY_ONLY: [false, true, true, 1],
  MEMORY_ONLY_2: [false, true, true, 2],
  DISK_ONLY: [true, false, false, 1],
};

function level(name: string): Json {
  const [disk, mem, deser, replication] = LEVELS[name];
  return { 'Use Disk': disk, 'Use Memory': mem, 'Use Off Heap': false, Deserialized: deser, Replication: replication };
}

export const appStart = (time: number): Json => ({ Event: 'SparkListenerApplicationStart', 'App Name': 't', 'App ID': 'app-t', Timestamp: time, User: 'u' });
export const appEnd = (time: number): Json => ({ Event: 'SparkListenerApplicationEnd', Timestamp: time });

export const executorAdded = (id: string, time: number): Json => ({
  Event: 'SparkListenerExecutorAdded',
  Timestamp: time,
  'Executor ID': id,
  'Executor Info': { Host: 'h', 'Total Cores': 1, 'Log Urls': {} },
});
export const executorRemoved = (id: string, time: number): Json => ({
  Event: 'SparkListenerExecutorRemoved',
  Timestamp: time,
  'Executor ID': id,
  'Removed Reason': 'Command exited with code 143',
});

const stageInfo = (stageId: number, attempt: number, numTasks: number, extra: Json = {}): Json => ({
  'Stage ID': stageId,
  'Stage Attempt ID': attempt,
  'Stage Name': `stage ${stageId}`,
  'Number of Tasks': numTasks,
  'RDD Info': [],
  'Parent IDs': [],
  Details: '',
  Accumulables: [],
  ...extra,
});

export const jobStart = (jobId: number, time: number, stageIds: number[]): Json => ({
  Event: 'SparkListenerJobStart',
  'Job ID': jobId,
  'Submission Time': time,
  'Stage Infos': stageIds.map((s) => stageInfo(s, 0, 0)),
  'Stage IDs': stageIds,
  Properties: {},
});
export const jobEnd = (jobId: number, time: number, failure?: string): Json => ({
  Event: 'SparkListenerJobEnd',
  'Job ID': jobId,
  'Completion Time': time,
  'Job Result': failure === undefined ? { Result: 'JobSucceeded' } : { Result: 'JobFailed', Exception: { Message: failure, 'Stack Trace': [] } },
});
/** An RDD of the stage, persisted at `levelName` (NONE: not persisted). */
export const rddInfo = (rddId: number, levelName: string, numPartitions: number): Json => ({
  'RDD ID': rddId,
  Name: `rdd ${rddId}`,
  Callsite: '',
  'Parent IDs': [],
  'Storage Level': level(levelName),
  Barrier: false,
  DeterministicLevel: 'DETERMINATE',
  'Number of Partitions': numPartitions,
  'Number of Cached Partitions': 0,
  'Memory Size': 0,
  'Disk Size': 0,
});

export const stageSubmitted = (stageId: number, attempt: number, numTasks: number, time: number, rdds: Json[] = []): Json => ({
  Event: 'SparkListenerStageSubmitted',
  'Stage Info': stageInfo(stageId, attempt, numTasks, { 'Submission Time': time, 'RDD Info': rdds }),
  Properties: {},
});
export const stageCompleted = (stageId: number, attempt: number, numTasks: number, submitted: number, time: number, failure?: string, rdds: Json[] = []): Json => ({
  Event: 'SparkListenerStageCompleted',
  'Stage Info': stageInfo(stageId, attempt, numTasks, {
    'RDD Info': rdds,
    'Submission Time': submitted,
    'Completion Time': time,
    ...(failure !== undefined && { 'Failure Reason': failure }),
  }),
});

export interface TaskSpec {
  id: number;
  stage: number;
  stageAttempt?: number;
  partition: number;
  attempt?: number;
  executor: string;
  launch: number;
  finish: number;
  speculative?: boolean;
  /** A Task End Reason object; Success when left out. */
  reason?: Json;
  inputRecords?: number;
  inputBytes?: number;
  accumulables?: Record<string, number>;
  updatedBlocks?: { blockId: string; level: string; mem: number; disk: number }[];
  rss?: number;
}

function taskInfo(t: TaskSpec, ended: boolean): Json {
  const failedEnd = ended && t.reason !== undefined && t.reason['Reason'] !== 'Success';
  return {
    'Task ID': t.id,
    Index: t.partition,
    Attempt: t.attempt ?? 0,
    'Partition ID': t.partition,
    'Launch Time': t.launch,
    'Executor ID': t.executor,
    Host: 'h',
    Locality: 'PROCESS_LOCAL',
    Speculative: t.speculative ?? false,
    'Getting Result Time': 0,
    'Finish Time': ended ? t.finish : 0,
    Failed: failedEnd,
    Killed: false,
    Accumulables: Object.entries(ended ? (t.accumulables ?? {}) : {}).map(([Name, Update], i) => ({ ID: i, Name, Update, Value: Update })),
  };
}

export const taskStart = (t: TaskSpec): Json => ({
  Event: 'SparkListenerTaskStart',
  'Stage ID': t.stage,
  'Stage Attempt ID': t.stageAttempt ?? 0,
  'Task Info': taskInfo(t, false),
});

export const taskEnd = (t: TaskSpec): Json => ({
  Event: 'SparkListenerTaskEnd',
  'Stage ID': t.stage,
  'Stage Attempt ID': t.stageAttempt ?? 0,
  'Task Type': 'ResultTask',
  'Task End Reason': t.reason ?? { Reason: 'Success' },
  'Task Info': taskInfo(t, true),
  ...(t.rss !== undefined && { 'Task Executor Metrics': { ProcessTreeJVMRSSMemory: t.rss } }),
  'Task Metrics': {
    'Input Metrics': { 'Bytes Read': t.inputBytes ?? 0, 'Records Read': t.inputRecords ?? 0 },
    'Updated Blocks': (t.updatedBlocks ?? []).map((b) => ({
      'Block ID': b.blockId,
      Status: { 'Storage Level': level(b.level), 'Memory Size': b.mem, 'Disk Size': b.disk },
    })),
  },
});

/** Spark's second end of a finished map task whose output was lost with its executor. */
export const taskResubmitted = (t: TaskSpec): Json => ({ ...taskEnd(t), 'Task End Reason': { Reason: 'Resubmitted' } });

/** Start and end of one task, back to back (for tasks nothing happens during). */
export const task = (t: TaskSpec): Json[] => [taskStart(t), taskEnd(t)];

export const blockUpdated = (executor: string, blockId: string, levelName: string, mem: number, disk: number): Json => ({
  Event: 'SparkListenerBlockUpdated',
  'Block Updated Info': {
    'Block Manager ID': { 'Executor ID': executor, Host: 'h', Port: 0 },
    'Block ID': blockId,
    'Storage Level': level(levelName),
    'Memory Size': mem,
    'Disk Size': disk,
  },
});

export const faultInjected = (time: number, executor: string): Json => ({
  Event: 'SparkbenchFaultInjected',
  Timestamp: time,
  Action: 'kill-executor',
  'Target Executor ID': executor,
  Host: 'h',
  PID: 1234,
  Signal: 'SIGTERM',
  Trigger: 'test',
});

export const executorLost = (executor: string): Json => ({
  Reason: 'ExecutorLostFailure',
  'Executor ID': executor,
  'Exit Caused By App': false,
  'Loss Reason': 'Command exited with code 143',
});

export const fetchFailed = (executor: string): Json => ({
  Reason: 'FetchFailed',
  'Block Manager Address': { 'Executor ID': executor, Host: 'h', Port: 0 },
  'Shuffle ID': 0,
  'Map ID': 0,
  'Map Index': 0,
  'Reduce ID': 1,
  Message: 'lost',
});
