// One small application exercising every event and task end reason we write: an executor is
// killed mid-job, its map output is lost and recomputed, a later job reuses (skips) that stage.
import {
  applicationEndEvent,
  applicationStartEvent,
  blockManagerAddedEvent,
  blockManagerRemovedEvent,
  blockUpdatedEvent,
  environmentUpdateEvent,
  executorAddedEvent,
  executorRemovedEvent,
  faultInjectedEvent,
  stageExecutorMetricsEvent,
  jobEndEvent,
  jobStartEvent,
  stageCompletedEvent,
  stageSubmittedEvent,
  taskEndEvent,
  taskStartEvent,
  unpersistRddEvent,
  exceptionFailure,
  jobFailed,
  StorageLevels,
  type BlockManagerId,
  type SparkEvent,
  type StageInfo,
  type TaskEndReason,
  type TaskInfo,
  type TaskMetrics,
  type TaskType,
} from '../../src/events/index.js';

export const T0 = 1_700_000_000_000;
export const APP_ID = 'app-20240101000000-0000';

const bm = (executorId: string): BlockManagerId => ({ executorId, host: 'localhost', port: 40000 + executorId.length });

const mapStage = (attemptId: number, numTasks: number, times: Partial<StageInfo> = {}): StageInfo => ({
  stageId: 0,
  attemptId,
  name: 'map at wordcount.ts:12',
  numTasks,
  rddInfos: [
    {
      rddId: 0,
      name: 'TextFileRDD',
      scope: { id: '0', name: 'textFile' },
      callSite: 'textFile at wordcount.ts:10',
      parentIds: [],
      storageLevel: StorageLevels.NONE,
      numPartitions: 2,
      numCachedPartitions: 0,
      memSize: 0,
      diskSize: 0,
    },
    {
      rddId: 1,
      name: 'MapPartitionsRDD',
      scope: { id: '1', name: 'map', parent: { id: '0', name: 'textFile' } },
      callSite: 'map at wordcount.ts:12',
      parentIds: [0],
      storageLevel: StorageLevels.MEMORY_ONLY,
      numPartitions: 2,
      numCachedPartitions: 1,
      memSize: 400,
      diskSize: 0,
    },
  ],
  parentIds: [],
  details: 'wordcount.ts:12',
  ...times,
});

const resultStage = (stageId: number, attemptId: number, times: Partial<StageInfo> = {}): StageInfo => ({
  stageId,
  attemptId,
  name: 'collect at wordcount.ts:14',
  numTasks: 2,
  rddInfos: [
    {
      rddId: stageId + 1,
      name: 'ShuffledRDD',
      callSite: 'reduceByKey at wordcount.ts:13',
      parentIds: [1],
      storageLevel: StorageLevels.NONE,
      numPartitions: 2,
      numCachedPartitions: 0,
      memSize: 0,
      diskSize: 0,
    },
  ],
  parentIds: [0],
  details: 'wordcount.ts:14',
  ...times,
});

interface Attempt {
  taskId: number;
  stageId: number;
  stageAttemptId: number;
  index: number;
  attempt: number;
  executorId: string;
  launch: number;
  speculative?: boolean;
}

/** What the start and the end event of an attempt both say about it. */
const launched = (a: Attempt): TaskInfo => ({
  taskId: a.taskId,
  index: a.index,
  attempt: a.attempt,
  launchTime: a.launch,
  executorId: a.executorId,
  host: 'localhost',
  locality: 'PROCESS_LOCAL',
  speculative: a.speculative ?? false,
});

const start = (a: Attempt): SparkEvent => taskStartEvent({ stageId: a.stageId, stageAttemptId: a.stageAttemptId, taskInfo: launched(a) });

const end = (
  a: Attempt,
  taskType: TaskType,
  reason: TaskEndReason,
  finish: number,
  metrics?: Partial<TaskMetrics>,
): SparkEvent =>
  taskEndEvent({
    stageId: a.stageId,
    stageAttemptId: a.stageAttemptId,
    taskType,
    reason,
    taskInfo: {
      ...launched(a),
      finishTime: finish,
      // As in Spark: a resubmitted map task had succeeded; only its output was lost.
      failed: !['Success', 'TaskKilled', 'Resubmitted'].includes(reason.kind),
      killed: reason.kind === 'TaskKilled',
    },
    ...(metrics && { metrics }),
    ...(a.taskId === 0 && {
      updatedBlocks: [{ blockId: 'rdd_1_0', storageLevel: StorageLevels.MEMORY_ONLY, memSize: 400, diskSize: 0 }],
    }),
  });

const mapOutput = { executorRunTime: 20, executorCpuTime: 15_000_000, inputBytes: 100, inputRecords: 10, shuffleBytesWritten: 50, shuffleRecordsWritten: 5, shuffleWriteTime: 90_000 };
const reduceInput = { executorRunTime: 10, shuffleRemoteBytesRead: 30, shuffleLocalBytesRead: 20, shuffleRecordsRead: 5, resultSize: 1200 };

export const t = (ms: number): number => T0 + ms;

export function scenarioEvents(): SparkEvent[] {
  const task0 = { taskId: 0, stageId: 0, stageAttemptId: 0, index: 0, attempt: 0, executorId: '1', launch: t(100) };
  const task1 = { taskId: 1, stageId: 0, stageAttemptId: 0, index: 1, attempt: 0, executorId: '2', launch: t(100) };
  const task2 = { taskId: 2, stageId: 1, stageAttemptId: 0, index: 0, attempt: 0, executorId: '1', launch: t(300) };
  const task3 = { taskId: 3, stageId: 1, stageAttemptId: 0, index: 1, attempt: 0, executorId: '2', launch: t(300) };
  const task4 = { taskId: 4, stageId: 0, stageAttemptId: 1, index: 1, attempt: 0, executorId: '1', launch: t(600) };
  const task5 = { taskId: 5, stageId: 1, stageAttemptId: 1, index: 0, attempt: 0, executorId: '1', launch: t(800) };
  const task6 = { taskId: 6, stageId: 1, stageAttemptId: 1, index: 1, attempt: 0, executorId: '1', launch: t(800) };
  const task7 = { ...task6, taskId: 7, attempt: 1, launch: t(850), speculative: true };
  const task8 = { taskId: 8, stageId: 2, stageAttemptId: 0, index: 0, attempt: 0, executorId: '1', launch: t(1100) };
  const task9 = { taskId: 9, stageId: 2, stageAttemptId: 0, index: 1, attempt: 0, executorId: '1', launch: t(1100) };
  const task10 = { ...task8, taskId: 10, attempt: 1, launch: t(1200) };
  const task11 = { ...task8, taskId: 11, attempt: 2, launch: t(1300) };
  const lost = 'Executor process exited with signal SIGKILL';
  const fetchFailure = 'org.apache.spark.shuffle.FetchFailedException: executor 2 lost';
  return [
    applicationStartEvent({ appName: 'wordcount', appId: APP_ID, time: T0, user: 'bench', appAttemptId: '1', driverLogs: { stdout: 'file:///tmp/driver.out' } }),
    environmentUpdateEvent({ jvmInformation: { 'Java Version': 'node v20' }, sparkProperties: { 'spark.master': 'local-cluster[2,2,1024]', 'spark.task.maxFailures': '4' } }),
    blockManagerAddedEvent({ time: t(1), blockManagerId: bm('driver'), maxMem: 1000, maxOnHeapMem: 1000, maxOffHeapMem: 0 }),
    executorAddedEvent({ time: t(10), executorId: '1', host: 'localhost', totalCores: 2, logUrls: { stdout: 'file:///tmp/1.out', stderr: 'file:///tmp/1.err' } }),
    blockManagerAddedEvent({ time: t(11), blockManagerId: bm('1'), maxMem: 2000 }),
    executorAddedEvent({ time: t(20), executorId: '2', host: 'localhost', totalCores: 2, logUrls: { stdout: 'file:///tmp/2.out' } }),
    blockManagerAddedEvent({ time: t(21), blockManagerId: bm('2'), maxMem: 2000 }),

    jobStartEvent({ jobId: 0, time: t(50), stageInfos: [mapStage(0, 2), resultStage(1, 0)], properties: { 'spark.job.description': 'count words' } }),
    stageSubmittedEvent({ stageInfo: mapStage(0, 2, { submissionTime: t(90) }) }),
    start(task0),
    start(task1),
    end(task0, 'ShuffleMapTask', { kind: 'Success' }, t(200), mapOutput),
    blockUpdatedEvent({ blockManagerId: bm('1'), blockId: 'rdd_1_0', storageLevel: StorageLevels.MEMORY_ONLY, memSize: 400, diskSize: 0 }),
    end(task1, 'ShuffleMapTask', { kind: 'Success' }, t(210), mapOutput),
    stageExecutorMetricsEvent({ executorId: 'driver', stageId: 0, stageAttemptId: 0, metrics: { JVMHeapMemory: 5000, JVMOffHeapMemory: 700, OnHeapExecutionMemory: 0, OffHeapExecutionMemory: 0, OnHeapStorageMemory: 400, OffHeapStorageMemory: 0, OnHeapUnifiedMemory: 400, OffHeapUnifiedMemory: 0, DirectPoolMemory: 20, MappedPoolMemory: 0, ProcessTreeJVMRSSMemory: 90_000 } }),
    stageCompletedEvent({ stageInfo: mapStage(0, 2, { submissionTime: t(90), completionTime: t(210) }) }),
    stageSubmittedEvent({ stageInfo: resultStage(1, 0, { submissionTime: t(290) }) }),
    start(task2),
    start(task3),
    faultInjectedEvent({ time: t(350), action: 'kill-executor', targetExecutorId: '2', host: 'localhost', pid: 4242, signal: 'SIGKILL', trigger: 'after stage 0 completed', detail: 'first of 1 faults' }),
    end(task3, 'ResultTask', { kind: 'ExecutorLostFailure', executorId: '2', exitCausedByApp: false, lossReason: lost }, t(400)),
    executorRemovedEvent({ time: t(400), executorId: '2', reason: lost }),
    blockManagerRemovedEvent({ time: t(401), blockManagerId: bm('2') }),
    // Spark re-logs the finished attempt's own info with this second end.
    end(task1, 'ShuffleMapTask', { kind: 'Resubmitted' }, t(210)),
    end(task2, 'ResultTask', { kind: 'FetchFailed', blockManagerAddress: bm('2'), shuffleId: 0, mapId: 1, mapIndex: 1, reduceId: 0, message: fetchFailure }, t(450), { executorRunTime: 5, shuffleFetchWaitTime: 3 }),
    stageCompletedEvent({ stageInfo: resultStage(1, 0, { submissionTime: t(290), completionTime: t(450), failureReason: fetchFailure }) }),
    stageSubmittedEvent({ stageInfo: mapStage(1, 1, { submissionTime: t(590) }) }),
    start(task4),
    end(task4, 'ShuffleMapTask', { kind: 'Success' }, t(700), mapOutput),
    stageCompletedEvent({ stageInfo: mapStage(1, 1, { submissionTime: t(590), completionTime: t(700) }) }),
    stageSubmittedEvent({ stageInfo: resultStage(1, 1, { submissionTime: t(790) }) }),
    start(task5),
    start(task6),
    start(task7),
    end(task5, 'ResultTask', { kind: 'Success' }, t(900), reduceInput),
    end(task6, 'ResultTask', { kind: 'Success' }, t(910), reduceInput),
    end(task7, 'ResultTask', { kind: 'TaskKilled', killReason: 'another attempt succeeded' }, t(911)),
    stageCompletedEvent({ stageInfo: resultStage(1, 1, { submissionTime: t(790), completionTime: t(911) }) }),
    jobEndEvent({ jobId: 0, time: t(920), result: { kind: 'JobSucceeded' } }),

    jobStartEvent({ jobId: 1, time: t(1000), stageInfos: [mapStage(1, 1), resultStage(2, 0)] }),
    stageSubmittedEvent({ stageInfo: resultStage(2, 0, { submissionTime: t(1090) }) }),
    start(task8),
    start(task9),
    end(task8, 'ResultTask', exceptionFailure(new RangeError('word too long')), t(1150)),
    end(task9, 'ResultTask', { kind: 'TaskCommitDenied', jobId: 1, partitionId: 1, attemptNumber: 0 }, t(1150)),
    start(task10),
    end(task10, 'ResultTask', { kind: 'TaskResultLost' }, t(1250)),
    start(task11),
    end(task11, 'ResultTask', { kind: 'UnknownReason' }, t(1350)),
    stageCompletedEvent({ stageInfo: resultStage(2, 0, { submissionTime: t(1090), completionTime: t(1350), failureReason: 'Task 0 in stage 2.0 failed 3 times' }) }),
    jobEndEvent({ jobId: 1, time: t(1360), result: jobFailed(new Error('Job aborted due to stage failure: Task 0 in stage 2.0 failed 3 times')) }),

    unpersistRddEvent(1),
    blockUpdatedEvent({ blockManagerId: bm('1'), blockId: 'rdd_1_0', storageLevel: StorageLevels.NONE, memSize: 0, diskSize: 0 }),
    applicationEndEvent({ time: t(1500) }),
  ];
}
