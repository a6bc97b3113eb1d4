// runMetrics on real Apache Spark event logs (1.2 to 2.4): it must not crash, and its figures must
// equal plain counts made straight from the JSON lines, without the AppModel.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { events } from '@sparkbench/core';
import { runMetrics } from '../../src/metrics/run-metrics.js';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/spark-events');
const LOGS = existsSync(DIR) ? readdirSync(DIR).filter((f) => !f.endsWith('.md')) : [];
if (LOGS.length === 0) console.warn(`Real Spark event logs not found at ${DIR}: skipping the tests that read them.`);

type Json = Record<string, any>;

/** The figures a reader of the raw log would count for its last job. */
function plainCounts(lines: Json[]) {
  const jobStarts = lines.filter((l) => l.Event === 'SparkListenerJobStart');
  const last = jobStarts.reduce((a, b) => (b['Job ID'] > a['Job ID'] ? b : a));
  const stages = new Set<number>(last['Stage IDs']);
  const jobEnd = lines.find((l) => l.Event === 'SparkListenerJobEnd' && l['Job ID'] === last['Job ID']);
  const ends = lines.filter((l) => l.Event === 'SparkListenerTaskEnd' && stages.has(l['Stage ID']));
  const reason = (l: Json) => l['Task End Reason']?.Reason;
  const failed = ends.filter((l) => reason(l) !== 'Success' && reason(l) !== 'Resubmitted');
  const byReason: Record<string, number> = {};
  for (const l of failed) byReason[reason(l)] = (byReason[reason(l)] ?? 0) + 1;
  const input = (l: Json, field: string) => l['Task Metrics']?.['Input Metrics']?.[field] ?? 0;
  const ok = ends.filter((l) => reason(l) === 'Success');
  const partitions = new Set(ends.map((l) => `${l['Stage ID']}:${l['Task Info']['Index']}`));
  const appStart = lines.find((l) => l.Event === 'SparkListenerApplicationStart')?.Timestamp;
  const appEnd = lines.find((l) => l.Event === 'SparkListenerApplicationEnd')?.Timestamp;
  return {
    jobId: last['Job ID'],
    latency: last['Submission Time'] !== undefined && jobEnd?.['Completion Time'] !== undefined ? jobEnd['Completion Time'] - last['Submission Time'] : null,
    wall: appStart !== undefined && appEnd !== undefined ? appEnd - appStart : null,
    status: jobEnd?.['Job Result']?.Result === 'JobSucceeded' ? 'ok' : 'failed',
    tasks: ends.length,
    failed: failed.length,
    byReason,
    // No log here has speculation or a partition that succeeded twice, so this is what re-ran.
    rerun: ends.length - partitions.size,
    rows: ok.reduce((s, l) => s + input(l, 'Records Read'), 0),
    bytes: ok.reduce((s, l) => s + input(l, 'Bytes Read'), 0),
    stageAttempts: lines.filter((l) => l.Event === 'SparkListenerStageSubmitted' && stages.has(l['Stage Info']['Stage ID'])).length,
    speculative: ends.some((l) => l['Task Info'].Speculative === true),
  };
}

describe.skipIf(LOGS.length === 0)('runMetrics on real Spark logs', () => {
  it.each(LOGS)('%s: figures equal plain counts of the log', async (name) => {
    const path = join(DIR, name);
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Json);
    const want = plainCounts(lines);
    expect(want.speculative).toBe(false);
    const m = runMetrics(await events.loadAppModel(path));
    expect(m.jobId).toBe(want.jobId);
    expect(m.status).toBe(want.status);
    expect(m.jobLatencyMs).toBe(want.latency);
    expect(m.wallMs).toBe(want.wall);
    expect(m.tasksTotal).toBe(want.tasks);
    expect(m.tasksFailed).toBe(want.failed);
    expect(m.failureReasons).toEqual(want.byReason);
    expect(m.tasksRerun).toBe(want.rerun);
    expect(m.inputRows).toBe(want.rows);
    expect(m.inputBytes).toBe(want.bytes);
    expect(m.stageAttempts).toBe(want.stageAttempts);
    // Spark logs no SparkbenchFaultInjected and none of sparkbench's cache counters.
    expect([m.faultAtMs, m.detectionMs, m.recoveryMs, m.cachedBlocksLost]).toEqual([null, null, null, 0]);
    expect([m.blocksFromReplica, m.partitionsRecomputed, m.bytesRecomputed]).toEqual([0, 0, 0]);
    expect(m.cacheMemBytes).toBeGreaterThanOrEqual(0);
  });

  it('sees the ten ExceptionFailures of app-20161115172038-0000 and their re-runs', async () => {
    const name = 'app-20161115172038-0000';
    if (!LOGS.includes(name)) return;
    const m = runMetrics(await events.loadAppModel(join(DIR, name)));
    // SOURCES.md: 26 task ends, Success 16, ExceptionFailure 10.
    expect([m.tasksTotal, m.tasksFailed, m.tasksRerun, m.failureReasons]).toEqual([26, 10, 10, { ExceptionFailure: 10 }]);
  });
});
