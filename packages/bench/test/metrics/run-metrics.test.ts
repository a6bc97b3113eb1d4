// runMetrics on hand-made logs whose every figure is known: re-runs after a lost executor and a fetch
// failure, a cache that loses blocks, and logs missing what a metric needs.
import { describe, expect, it } from 'vitest';
import { CACHE_ACCUMULABLES, events } from '@sparkbench/core';
import { runMetrics } from '../../src/metrics/run-metrics.js';
import { toRunRecord } from '../../src/metrics/to-run-record.js';
import { RUN_COLUMNS } from '../../src/results/run-record.js';
import * as e from './spark-events.js';

const { misses, remoteHits, localHits } = CACHE_ACCUMULABLES;

/**
 * Job 0 (stages 0 → 1) loses executor 1 to a fault at t=300: the running reduce task fails, the other
 * hits a fetch failure, map partition 0's finished output is resubmitted, and both stages run again.
 * Job 1 then runs stage 2 alone (stage 0 is skipped) with no fault.
 */
function recoveredLog(): unknown[] {
  const t = {
    map0: { id: 0, stage: 0, partition: 0, executor: '1', launch: 100, finish: 200, inputRecords: 100, inputBytes: 1000, rss: 500 },
    map1: { id: 1, stage: 0, partition: 1, executor: '2', launch: 100, finish: 210, inputRecords: 50, inputBytes: 500, rss: 0 },
    red0: { id: 2, stage: 1, partition: 0, executor: '1', launch: 210, finish: 320, reason: e.executorLost('1'), rss: 700 },
    red1: { id: 3, stage: 1, partition: 1, executor: '2', launch: 210, finish: 330, reason: e.fetchFailed('1') },
    map0again: { id: 4, stage: 0, stageAttempt: 1, partition: 0, attempt: 1, executor: '2', launch: 340, finish: 400, inputRecords: 100, inputBytes: 1000, rss: 900 },
    red0again: { id: 5, stage: 1, stageAttempt: 1, partition: 0, attempt: 1, executor: '2', launch: 400, finish: 450 },
    red1again: { id: 6, stage: 1, stageAttempt: 1, partition: 1, attempt: 1, executor: '2', launch: 450, finish: 500 },
    next: { id: 7, stage: 2, partition: 0, executor: '2', launch: 520, finish: 560 },
  };
  return [
    e.appStart(0),
    e.executorAdded('1', 10),
    e.executorAdded('2', 10),
    e.jobStart(0, 100, [0, 1]),
    e.stageSubmitted(0, 0, 2, 100),
    ...e.task(t.map0),
    ...e.task(t.map1),
    e.stageCompleted(0, 0, 2, 100, 210),
    e.stageSubmitted(1, 0, 2, 210),
    e.taskStart(t.red0),
    e.taskStart(t.red1),
    e.faultInjected(300, '1'),
    e.taskEnd(t.red0),
    e.executorRemoved('1', 320),
    e.taskResubmitted(t.map0),
    e.taskEnd(t.red1),
    e.stageCompleted(1, 0, 2, 210, 330, 'FetchFailed'),
    e.stageSubmitted(0, 1, 1, 340),
    ...e.task(t.map0again),
    e.stageCompleted(0, 1, 1, 340, 400),
    e.stageSubmitted(1, 1, 2, 400),
    ...e.task(t.red0again),
    ...e.task(t.red1again),
    e.stageCompleted(1, 1, 2, 400, 500),
    e.jobEnd(0, 510),
    e.jobStart(1, 520, [0, 2]),
    e.stageSubmitted(2, 0, 1, 520),
    ...e.task(t.next),
    e.stageCompleted(2, 0, 1, 520, 560),
    e.jobEnd(1, 570),
    e.appEnd(600),
  ];
}

describe('runMetrics on a job that recovers from a lost executor', () => {
  const m = runMetrics(events.buildAppModel(recoveredLog()), { measuredJobId: 0 });

  it('times the job, the application and the fault', () => {
    expect([m.jobId, m.status, m.failureReason]).toEqual([0, 'ok', '']);
    expect([m.jobLatencyMs, m.wallMs]).toEqual([410, 600]);
    expect(m.faultAtMs).toBe(200);
    // Fault at 300, executor 1 removed at 320.
    expect(m.detectionMs).toBe(20);
    // The last re-run (reduce partition 1) ends at 500.
    expect(m.recoveryMs).toBe(200);
  });

  it('counts every attempt, the failures by kind and the re-runs', () => {
    expect(m.tasksTotal).toBe(7);
    expect(m.tasksFailed).toBe(2);
    expect(m.failureReasons).toEqual({ ExecutorLostFailure: 1, FetchFailed: 1 });
    // Map partition 0 (after Resubmitted) and both reduce partitions ran twice.
    expect(m.tasksRerun).toBe(3);
    expect(m.stageAttempts).toBe(4);
  });

  it('counts each partition’s input once and the re-read separately', () => {
    expect([m.inputRows, m.inputBytes]).toEqual([150, 1500]);
    expect(m.bytesRecomputed).toBe(1000);
    expect(m.throughputRowsPerS).toBeCloseTo(150 / 0.41, 6);
    expect(m.throughputMbPerS).toBeCloseTo(1500 / 1e6 / 0.41, 9);
  });

  it('keeps peak RSS per executor, ignoring zeros, with no driver figure when the driver ran no task', () => {
    expect(m.peakRssByExecutor).toEqual({ '1': 700, '2': 900 });
    expect([m.peakRssDriverBytes, m.peakRssExecutorBytes]).toEqual([null, 900]);
  });

  it('counts a map partition re-run after a fetch failure even when Spark logged no Resubmitted', () => {
    // Spark logs Resubmitted only while the map stage still runs; once it completed, the lost output
    // shows only as the partition's second attempt.
    const log = recoveredLog().filter((ev) => (ev as { 'Task End Reason'?: { Reason: string } })['Task End Reason']?.Reason !== 'Resubmitted');
    const again = runMetrics(events.buildAppModel(log), { measuredJobId: 0 });
    expect([again.tasksTotal, again.tasksFailed, again.tasksRerun, again.bytesRecomputed, again.recoveryMs]).toEqual([7, 2, 3, 1000, 200]);
  });

  it('measures the last job by default, without the earlier job’s tasks or fault', () => {
    const last = runMetrics(events.buildAppModel(recoveredLog()));
    expect(last.jobId).toBe(1);
    expect([last.tasksTotal, last.tasksFailed, last.tasksRerun, last.stageAttempts]).toEqual([1, 0, 0, 1]);
    expect(last.jobLatencyMs).toBe(50);
    expect([last.faults, last.faultAtMs, last.detectionMs, last.recoveryMs]).toEqual([[], null, null, null]);
  });

  it('becomes a results.csv row with the failure reasons in one field', () => {
    const row = toRunRecord(m, {
      run_id: 'wide|NONE|kill-executor#1',
      cell: 'wide|NONE|kill-executor',
      scenario: 'wide',
      storage: 'NONE',
      fault: 'kill-executor',
      rep: 1,
      app_id: 'app-t',
      event_log: '/x',
      result_digest: 'abc',
      digest_matches: null,
    });
    expect(Object.keys(row).sort()).toEqual([...RUN_COLUMNS].sort());
    expect(row.failure_reasons).toBe('ExecutorLostFailure:1;FetchFailed:1');
    expect([row.tasks_rerun, row.detection_ms, row.recovery_ms, row.recovery_overhead_ms]).toEqual([3, 20, 200, null]);
  });
});

/**
 * A persisted RDD (rdd_5, three partitions) is cached by job 0: partition 0 on executors 1 and 2 (a
 * replica), 1 on executor 2 only (on disk), 2 on executor 1 only. Job 1 reads it; a fault kills
 * executor 1 while it reads partition 2, which is then recomputed on executor 3 and cached there;
 * partition 0 is read after the fault from its surviving copy on executor 2.
 */
function cacheLog(): unknown[] {
  const block = (blockId: string, level: string, mem: number, disk: number) => ({ blockId, level, mem, disk });
  const fill0 = { id: 0, stage: 0, partition: 0, executor: '1', launch: 100, finish: 150, inputBytes: 60, accumulables: { [misses]: 1 }, updatedBlocks: [block('rdd_5_0', 'MEMORY_ONLY_2', 10, 0)] };
  const fill1 = { id: 1, stage: 0, partition: 1, executor: '2', launch: 100, finish: 150, inputBytes: 60, accumulables: { [misses]: 1 }, updatedBlocks: [block('rdd_5_1', 'DISK_ONLY', 0, 20)] };
  const fill2 = { id: 2, stage: 0, partition: 2, executor: '1', launch: 150, finish: 190, inputBytes: 70, accumulables: { [misses]: 1 }, updatedBlocks: [block('rdd_5_2', 'MEMORY_ONLY', 10, 0)] };
  const read0 = { id: 3, stage: 1, partition: 0, executor: '2', launch: 330, finish: 340, accumulables: { [localHits]: 1 } };
  const read1 = { id: 4, stage: 1, partition: 1, executor: '3', launch: 210, finish: 240, accumulables: { [remoteHits]: 1 } };
  const read2 = { id: 5, stage: 1, partition: 2, executor: '1', launch: 290, finish: 320, reason: e.executorLost('1') };
  // The stage reads rdd_5, persisted, through rdd_4.
  const rdds = [e.rddInfo(4, 'NONE', 3), e.rddInfo(5, 'MEMORY_ONLY_2', 3)];
  const read2again = { id: 6, stage: 1, partition: 2, attempt: 1, executor: '3', launch: 330, finish: 400, inputBytes: 70, inputRecords: 7, accumulables: { [misses]: 1 }, updatedBlocks: [block('rdd_5_2', 'MEMORY_ONLY', 12, 0)] };
  return [
    e.appStart(0),
    e.executorAdded('1', 10),
    e.executorAdded('2', 10),
    e.executorAdded('3', 10),
    e.jobStart(0, 100, [0]),
    e.stageSubmitted(0, 0, 3, 100),
    e.taskStart(fill0),
    e.taskStart(fill1),
    e.blockUpdated('1', 'rdd_5_0', 'MEMORY_ONLY_2', 10, 0),
    e.blockUpdated('2', 'rdd_5_0', 'MEMORY_ONLY', 10, 0),
    e.taskEnd(fill0),
    e.blockUpdated('2', 'rdd_5_1', 'DISK_ONLY', 0, 20),
    e.blockUpdated('2', 'rdd_5_9', 'MEMORY_ONLY', 5, 0),
    e.taskEnd(fill1),
    e.taskStart(fill2),
    e.blockUpdated('1', 'rdd_5_2', 'MEMORY_ONLY', 10, 0),
    e.taskEnd(fill2),
    e.blockUpdated('2', 'rdd_5_9', 'NONE', 0, 0),
    e.stageCompleted(0, 0, 3, 100, 190),
    e.jobEnd(0, 200),
    e.jobStart(1, 210, [1]),
    e.stageSubmitted(1, 0, 3, 210, rdds),
    ...e.task(read1),
    e.taskStart(read2),
    e.faultInjected(300, '1'),
    e.taskEnd(read2),
    e.executorRemoved('1', 320),
    ...e.task(read0),
    e.taskStart(read2again),
    e.blockUpdated('3', 'rdd_5_2', 'MEMORY_ONLY', 12, 0),
    e.taskEnd(read2again),
    e.stageCompleted(1, 0, 3, 210, 400, undefined, rdds),
    e.jobEnd(1, 410),
    e.appEnd(500),
  ];
}

describe('runMetrics on a cache that loses blocks', () => {
  const m = runMetrics(events.buildAppModel(cacheLog()));

  it('counts the blocks whose every copy was on the killed executor', () => {
    // rdd_5_0 survives on its replica, rdd_5_1 was never on executor 1; rdd_5_2 is lost — its
    // re-cache on executor 3 came after the fault and does not count as a surviving copy.
    expect(m.cachedBlocksLost).toBe(1);
  });

  it('counts the reads a surviving replica served, and sums the cache counters of the measured job only', () => {
    // Partition 0 was read locally on executor 2, from the copy that outlived executor 1; partition
    // 1's remote read was of a block the fault never touched.
    expect([m.blocksFromReplica, m.cacheLocalHits, m.cacheRemoteHits]).toEqual([1, 1, 1]);
    expect(m.partitionsRecomputed).toBe(1);
    // Only the recomputed partition read input; the fill job's misses are not this job's.
    expect([m.inputRows, m.inputBytes, m.bytesRecomputed]).toEqual([7, 70, 70]);
  });

  it('recovers when the lost partition is recomputed', () => {
    expect([m.faultAtMs, m.detectionMs, m.recoveryMs]).toEqual([90, 20, 100]);
    expect([m.tasksTotal, m.tasksFailed, m.tasksRerun]).toEqual([4, 1, 1]);
  });

  it('holds at the end only the copies on live executors', () => {
    // rdd_5_0 on 2 (10), rdd_5_1 on 2 (disk 20), rdd_5_2 on 3 (12); executor 1's copies went with it,
    // and rdd_5_9 was dropped (level NONE).
    expect([m.cacheMemBytes, m.cacheDiskBytes]).toEqual([22, 20]);
  });

  it('counts a copy cached elsewhere before the fault as surviving', () => {
    // The same log with the fault and the removal after partition 2 was re-cached on executor 3.
    const later = cacheLog().map((ev) => {
      const o = ev as Record<string, unknown>;
      if (o['Event'] === 'SparkbenchFaultInjected') return e.faultInjected(405, '1');
      if (o['Event'] === 'SparkListenerExecutorRemoved') return e.executorRemoved('1', 406);
      return ev;
    });
    const m = runMetrics(events.buildAppModel(later));
    // Partition 0 was read before this fault: nothing was served by a replica because of it.
    expect([m.faultAtMs, m.detectionMs, m.cachedBlocksLost, m.blocksFromReplica]).toEqual([195, 1, 0, 0]);
  });

  it('loses nothing when the target executor was never removed', () => {
    const log = cacheLog().filter((ev) => (ev as { Event: string }).Event !== 'SparkListenerExecutorRemoved');
    const m = runMetrics(events.buildAppModel(log));
    expect([m.detectionMs, m.cachedBlocksLost]).toEqual([null, 0]);
  });
});

describe('runMetrics on logs that lack what a figure needs', () => {
  it('reports an empty log as failed, with zeros and nulls', () => {
    const m = runMetrics(events.buildAppModel([]));
    expect([m.jobId, m.status, m.failureReason]).toEqual([null, 'failed', 'the event log holds no job']);
    expect([m.jobLatencyMs, m.wallMs, m.throughputRowsPerS, m.tasksTotal, m.stageAttempts, m.cacheMemBytes]).toEqual([null, null, null, 0, 0, 0]);
  });

  it('reports a job without JobEnd as failed, and a JobFailed with its message', () => {
    const cut = [e.appStart(0), e.jobStart(0, 10, [0]), e.stageSubmitted(0, 0, 1, 10)];
    const m = runMetrics(events.buildAppModel(cut));
    expect([m.status, m.failureReason, m.jobLatencyMs, m.stageAttempts]).toEqual(['failed', 'job 0 has no JobEnd in the event log', null, 1]);
    const failedJob = runMetrics(events.buildAppModel([...cut, e.jobEnd(0, 50, 'Job aborted due to stage failure')]));
    expect([failedJob.status, failedJob.failureReason, failedJob.jobLatencyMs]).toEqual(['failed', 'Job aborted due to stage failure', 40]);
  });

  it('gives no recovery when the job did not succeed', () => {
    const log = recoveredLog().map((ev) => {
      const o = ev as Record<string, unknown>;
      return o['Event'] === 'SparkListenerJobEnd' && o['Job ID'] === 0 ? e.jobEnd(0, 510, 'aborted') : ev;
    });
    const m = runMetrics(events.buildAppModel(log), { measuredJobId: 0 });
    expect([m.status, m.detectionMs, m.recoveryMs]).toEqual(['failed', 20, null]);
  });

  it('takes the driver’s RSS from tasks run on the driver (local mode)', () => {
    const local = { id: 0, stage: 0, partition: 0, executor: 'driver', launch: 10, finish: 20, rss: 4096 };
    const m = runMetrics(events.buildAppModel([e.jobStart(0, 10, [0]), ...e.task(local), e.jobEnd(0, 30)]));
    expect([m.peakRssDriverBytes, m.peakRssExecutorBytes]).toEqual([4096, null]);
  });

  it('refuses a measured job the log does not hold', () => {
    expect(() => runMetrics(events.buildAppModel(recoveredLog()), { measuredJobId: 7 })).toThrow(/job 7 is not in the event log/);
  });
});
