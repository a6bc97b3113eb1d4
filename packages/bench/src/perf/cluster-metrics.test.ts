// The cluster figures on a hand-made log whose every figure is known: a read job, then a wide job that
// loses executor 1 to a fault, and the master's replacement (executor 3) registering after the removal.
import { describe, expect, it } from 'vitest';
import { events } from '@sparkbench/core';
import * as e from '../../test/metrics/spark-events.js';
import { clusterAppFigures } from './cluster-metrics.js';

type Json = Record<string, unknown>;

/** A task start and end whose end reports `runTime` ms of Executor Run Time. */
function timedTask(t: e.TaskSpec, runTime: number): Json[] {
  const end = e.taskEnd(t);
  return [e.taskStart(t), { ...end, 'Task Metrics': { ...(end['Task Metrics'] as Json), 'Executor Run Time': runTime } }];
}

function withRunTime(ev: Json, runTime: number): Json {
  return { ...ev, 'Task Metrics': { ...(ev['Task Metrics'] as Json), 'Executor Run Time': runTime } };
}

function faultLog(replacementAt: number | undefined): unknown[] {
  const t = {
    read: { id: 0, stage: 0, partition: 0, executor: '2', launch: 20, finish: 40 },
    map0: { id: 1, stage: 1, partition: 0, executor: '1', launch: 100, finish: 200 },
    map1: { id: 2, stage: 1, partition: 1, executor: '2', launch: 100, finish: 210 },
    red0: { id: 3, stage: 2, partition: 0, executor: '1', launch: 210, finish: 320, reason: e.executorLost('1') },
    red1: { id: 4, stage: 2, partition: 1, executor: '2', launch: 210, finish: 330, reason: e.fetchFailed('1') },
    map0again: { id: 5, stage: 1, stageAttempt: 1, partition: 0, attempt: 1, executor: '2', launch: 340, finish: 400 },
    red0again: { id: 6, stage: 2, stageAttempt: 1, partition: 0, attempt: 1, executor: '2', launch: 400, finish: 450 },
    red1again: { id: 7, stage: 2, stageAttempt: 1, partition: 1, attempt: 1, executor: '2', launch: 450, finish: 500 },
  };
  return [
    e.appStart(0),
    e.executorAdded('1', 10),
    e.executorAdded('2', 10),
    e.jobStart(0, 20, [0]),
    e.stageSubmitted(0, 0, 1, 20),
    ...e.task(t.read),
    e.stageCompleted(0, 0, 1, 20, 40),
    e.jobEnd(0, 50),
    e.jobStart(1, 100, [1, 2]),
    e.stageSubmitted(1, 0, 2, 100),
    ...timedTask(t.map0, 90),
    ...timedTask(t.map1, 100),
    e.stageCompleted(1, 0, 2, 100, 210),
    e.stageSubmitted(2, 0, 2, 210),
    e.taskStart(t.red0),
    e.taskStart(t.red1),
    e.faultInjected(300, '1'),
    e.taskEnd(t.red0),
    e.executorRemoved('1', 320),
    withRunTime(e.taskEnd(t.red1), 100),
    e.stageCompleted(2, 0, 2, 210, 330, 'FetchFailed'),
    e.stageSubmitted(1, 1, 1, 340),
    ...timedTask(t.map0again, 55),
    e.stageCompleted(1, 1, 1, 340, 400),
    ...(replacementAt === undefined ? [] : [e.executorAdded('3', replacementAt)]),
    e.stageSubmitted(2, 1, 2, 400),
    ...timedTask(t.red0again, 45),
    ...timedTask(t.red1again, 40),
    e.stageCompleted(2, 1, 2, 400, 500),
    e.jobEnd(1, 510),
    e.appEnd(600),
  ];
}

describe('clusterAppFigures', () => {
  it('times detection and the replacement, and adds up the lost and redone work of the measured job', () => {
    const f = clusterAppFigures(events.buildAppModel(faultLog(420)));
    expect([f.jobId, f.status, f.jobLatencyMs, f.tasks]).toEqual([1, 'ok', 410, 7]);
    const x = f.fault!;
    expect(x.targetExecutorId).toBe('1');
    expect([x.faultAtMs, x.detectionMs]).toEqual([200, 20]);
    // Removed at 320, executor 3 added at 420.
    expect([x.relaunchMs, x.replacementExecutorId, x.replacementBeforeJobEnd]).toEqual([100, '3', true]);
    // Reduce partition 0 was lost in flight (launched at 210, fault at 300).
    expect([x.lostAttempts, x.lostInFlightMs, x.fetchFailures]).toEqual([1, 90, 1]);
    // Map 0 again (55) and both reduce partitions again (45 + 40).
    expect([x.rerunAttempts, x.redoneWorkMs]).toEqual([3, 140]);
    expect(x.recoveryMs).toBe(200);
  });

  it('leaves the replacement null when none registered, and measures no fault in a fault-free log', () => {
    const f = clusterAppFigures(events.buildAppModel(faultLog(undefined)));
    expect([f.fault!.relaunchMs, f.fault!.replacementExecutorId, f.fault!.replacementBeforeJobEnd]).toEqual([null, null, null]);
    const clean = faultLog(undefined).filter((ev) => (ev as Json)['Event'] !== 'SparkbenchFaultInjected');
    expect(clusterAppFigures(events.buildAppModel(clean)).fault).toBeNull();
  });

  it('counts an executor added after the removal but after the job too (the application waited for it)', () => {
    const log = faultLog(undefined);
    log.splice(log.length - 1, 0, e.executorAdded('3', 560));
    const x = clusterAppFigures(events.buildAppModel(log)).fault!;
    expect([x.relaunchMs, x.replacementBeforeJobEnd]).toEqual([240, false]);
  });
});
