// Build every event with the builders, write them with EventLogWriter, read them back: the model
// must show exactly what happened in the scenario.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventLogWriter,
  buildAppModel,
  SPARKBENCH_SPARK_VERSION,
  SPARK_EVENT_NAMES,
  loadAppModel,
  parseEventLog,
  shuffleBytesRead,
  type AppModel,
} from '../../src/events/index.js';
import { APP_ID, scenarioEvents, t, T0 } from './scenario.js';

describe('write, read back, model', () => {
  // Built once: the ExceptionFailure's stack differs between calls.
  const scenario = scenarioEvents();
  let dir: string;
  let model: AppModel;
  let text: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkbench-events-'));
    const writer = new EventLogWriter(dir, APP_ID);
    for (const event of scenario) writer.post(event);
    await writer.close();
    text = readFileSync(join(dir, APP_ID), 'utf8');
    model = await loadAppModel(join(dir, APP_ID));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one event a line, LogStart first, every event type present', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(scenario.length + 1);
    expect(JSON.parse(lines[0])).toEqual({ Event: 'SparkListenerLogStart', 'Spark Version': SPARKBENCH_SPARK_VERSION });
    const { events, skipped, truncated } = parseEventLog(text);
    expect([skipped, truncated]).toEqual([0, false]);
    expect(new Set(events.map((e) => e.Event))).toEqual(SPARK_EVENT_NAMES);
    expect(events.slice(1)).toEqual(JSON.parse(JSON.stringify(scenario)));
  });

  it('has the application', () => {
    expect(model).toMatchObject({ appId: APP_ID, appName: 'wordcount', user: 'bench', startTime: T0, endTime: t(1500) });
    expect(model.sparkVersion).toBe(SPARKBENCH_SPARK_VERSION);
    expect(model.sparkProperties).toEqual({ 'spark.master': 'local-cluster[2,2,1024]', 'spark.task.maxFailures': '4' });
  });

  it('has the executor that was killed, and why', () => {
    expect([...model.executors.keys()]).toEqual(['1', '2']);
    expect(model.executors.get('1')).toEqual({
      executorId: '1',
      host: 'localhost',
      cores: 2,
      added: t(10),
      logUrls: { stdout: 'file:///tmp/1.out', stderr: 'file:///tmp/1.err' },
    });
    expect(model.executors.get('2')).toMatchObject({ added: t(20), removed: t(400), removedReason: 'Executor process exited with signal SIGKILL' });
    expect(model.blockManagers.get('2')).toMatchObject({ maxMemory: 2000, added: t(21), removed: t(401) });
    expect(model.blockManagers.get('driver')?.removed).toBeUndefined();
    expect(model.faults).toEqual([
      { time: t(350), action: 'kill-executor', targetExecutorId: '2', host: 'localhost', pid: 4242, signal: 'SIGKILL', trigger: 'after stage 0 completed', detail: 'first of 1 faults' },
    ]);
  });

  it('has jobs, with the reused map stage skipped in the second', () => {
    const failed = model.jobs[1].result;
    expect(failed?.kind === 'JobFailed' && failed.stackTrace?.[0]?.fileName).toMatch(/scenario\.ts$/);
    expect(model.jobs).toEqual([
      { jobId: 0, submissionTime: t(50), completionTime: t(920), result: { kind: 'JobSucceeded' }, stageIds: [0, 1], skippedStageIds: [], properties: { 'spark.job.description': 'count words' } },
      {
        jobId: 1,
        submissionTime: t(1000),
        completionTime: t(1360),
        result: { kind: 'JobFailed', message: 'Job aborted due to stage failure: Task 0 in stage 2.0 failed 3 times', stackTrace: expect.any(Array) },
        stageIds: [0, 2],
        skippedStageIds: [0],
        properties: {},
      },
    ]);
  });

  it('has every stage attempt, retries included', () => {
    const summary = model.stages.map((s) => [s.stageId, s.attemptId, s.status, s.jobIds]);
    expect(summary).toEqual([
      [0, 0, 'complete', [0]],
      [0, 1, 'complete', [0, 1]],
      [1, 0, 'failed', [0]],
      [1, 1, 'complete', [0]],
      [2, 0, 'failed', [1]],
    ]);
    const retry = model.stages[1];
    expect(retry).toMatchObject({ numTasks: 1, submissionTime: t(590), completionTime: t(700), skipped: false });
    expect(retry.rddInfos[1]).toMatchObject({ rddId: 1, scope: { id: '1', name: 'map', parent: { id: '0', name: 'textFile' } }, numCachedPartitions: 1 });
    expect(model.stages[2].failureReason).toMatch(/FetchFailedException/);
  });

  it('marks a stage skipped when a finished job never submitted it', () => {
    const never = scenario.filter((e) => !(e.Event === 'SparkListenerStageSubmitted' && e['Stage Info']['Stage ID'] === 2));
    const stage2 = buildAppModel(never).stages.find((s) => s.stageId === 2);
    // It still completed (failed) in this doctored log, so it is not skipped...
    expect(stage2?.status).toBe('failed');
    const withoutRun = never.filter((e) => !(e.Event === 'SparkListenerStageCompleted' && e['Stage Info']['Stage ID'] === 2));
    const skipped = buildAppModel(withoutRun);
    expect(skipped.stages.find((s) => s.stageId === 2)).toMatchObject({ status: 'skipped', skipped: true, jobIds: [1] });
    expect(skipped.jobs[1].skippedStageIds).toEqual([0, 2]);
    // ...and a job that never ended leaves its unsubmitted stages pending, not skipped.
    const running = buildAppModel(withoutRun.filter((e) => !(e.Event === 'SparkListenerJobEnd' && e['Job ID'] === 1)));
    expect(running.stages.find((s) => s.stageId === 2)).toMatchObject({ status: 'pending', skipped: false });
    expect(running.jobs[1].result).toBeUndefined();
  });

  it('has every task end reason, with its details', () => {
    const byId = new Map(model.tasks.map((task) => [task.taskId, task]));
    expect(model.tasks.map((task) => task.taskId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(model.tasks.map((task) => task.reason?.kind)).toEqual([
      'Success',
      'Success',
      'FetchFailed',
      'ExecutorLostFailure',
      'Success',
      'Success',
      'Success',
      'TaskKilled',
      'ExceptionFailure',
      'TaskCommitDenied',
      'TaskResultLost',
      'UnknownReason',
    ]);
    // Task 1's map output died with executor 2: Spark logged a second end, Resubmitted.
    expect(model.tasks.filter((task) => task.resubmitted).map((task) => task.taskId)).toEqual([1]);
    expect(byId.get(1)).toMatchObject({ finishTime: t(210), failed: false, metrics: { shuffleBytesWritten: 50 } });
    const taskEnds = scenario.filter((e) => e.Event === 'SparkListenerTaskEnd');
    expect(taskEnds).toHaveLength(model.tasks.length + 1);
    expect(byId.get(3)?.reason).toEqual({ kind: 'ExecutorLostFailure', executorId: '2', exitCausedByApp: false, lossReason: 'Executor process exited with signal SIGKILL' });
    expect(byId.get(2)?.reason).toMatchObject({ kind: 'FetchFailed', blockManagerAddress: { executorId: '2', host: 'localhost' }, shuffleId: 0, mapId: 1, mapIndex: 1, reduceId: 0 });
    expect(byId.get(7)).toMatchObject({ killed: true, failed: false, speculative: true, attempt: 1, reason: { kind: 'TaskKilled', killReason: 'another attempt succeeded' } });
    expect(byId.get(9)?.reason).toEqual({ kind: 'TaskCommitDenied', jobId: 1, partitionId: 1, attemptNumber: 0 });
    const exception = byId.get(8)?.reason;
    expect(exception).toMatchObject({ kind: 'ExceptionFailure', className: 'RangeError', description: 'word too long' });
    if (exception?.kind !== 'ExceptionFailure') throw new Error('unreachable');
    expect(exception.fullStackTrace).toMatch(/^RangeError: word too long\n\s+at /);
    expect(exception.stackTrace.length).toBeGreaterThan(0);
    expect(exception.stackTrace[0].fileName).toMatch(/scenario\.ts$/);
  });

  it('has task placement, timing and metrics', () => {
    const task0 = model.tasks[0];
    expect(task0).toMatchObject({ stageId: 0, stageAttemptId: 0, index: 0, attempt: 0, partitionId: 0, executorId: '1', locality: 'PROCESS_LOCAL', taskType: 'ShuffleMapTask', launchTime: t(100), finishTime: t(200), failed: false });
    expect(task0.metrics).toMatchObject({ executorRunTime: 20, executorCpuTime: 15_000_000, inputBytes: 100, inputRecords: 10, shuffleBytesWritten: 50, shuffleRecordsWritten: 5, shuffleWriteTime: 90_000, resultSize: 0 });
    expect(model.tasks[3]).toMatchObject({ failed: true, stageId: 1, executorId: '2' });
    // The lost task reported no metrics: zeros.
    expect(Object.values(model.tasks[3].metrics).every((v) => v === 0)).toBe(true);
    const reduce = model.tasks[5].metrics;
    expect([shuffleBytesRead(reduce), reduce.shuffleRecordsRead, reduce.resultSize]).toEqual([50, 5, 1200]);
  });

  it('has block updates from both BlockUpdated events and task ends', () => {
    expect(model.blockUpdates).toEqual([
      { source: 'TaskEnd', executorId: '1', host: 'localhost', blockId: 'rdd_1_0', storageLevel: { useDisk: false, useMemory: true, useOffHeap: false, deserialized: true, replication: 1 }, memSize: 400, diskSize: 0, taskId: 0 },
      { source: 'BlockUpdated', executorId: '1', host: 'localhost', blockId: 'rdd_1_0', storageLevel: { useDisk: false, useMemory: true, useOffHeap: false, deserialized: true, replication: 1 }, memSize: 400, diskSize: 0 },
      { source: 'BlockUpdated', executorId: '1', host: 'localhost', blockId: 'rdd_1_0', storageLevel: { useDisk: false, useMemory: false, useOffHeap: false, deserialized: false, replication: 1 }, memSize: 0, diskSize: 0 },
    ]);
    expect(model.unpersistedRddIds).toEqual([1]);
  });
});
