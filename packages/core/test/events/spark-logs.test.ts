// The model must agree, for every real Spark log we have (1.2 to 2.4), with a plain count of its
// lines and with the table in SOURCES.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppModel, loadAppModel, parseEventLog, readEventLog, type AppModel } from '../../src/events/index.js';
import { HAVE_SPARK_EVENTS, SPARK_EVENTS_DIR } from './shared-logs.js';

interface Counts {
  lines: number;
  jobs: number;
  stagesCompleted: number;
  taskEnds: number;
  reasons: Record<string, number>;
  executorsAdded: number;
  executorsRemoved: number;
}

// Copied from /work/shared/spark-events/SOURCES.md.
const SOURCES: Record<string, Counts & { spark: string | undefined }> = {
  'app-20161115172038-0000': { spark: '2.1.0-SNAPSHOT', lines: 75, jobs: 1, stagesCompleted: 1, taskEnds: 26, reasons: { Success: 16, ExceptionFailure: 10 }, executorsAdded: 4, executorsRemoved: 0 },
  application_1506645932520_24630151: { spark: '2.4.0-SNAPSHOT', lines: 63, jobs: 1, stagesCompleted: 3, taskEnds: 9, reasons: { Success: 9 }, executorsAdded: 7, executorsRemoved: 0 },
  'local-1422981780767': { spark: undefined, lines: 82, jobs: 3, stagesCompleted: 4, taskEnds: 32, reasons: { Success: 31, ExceptionFailure: 1 }, executorsAdded: 0, executorsRemoved: 0 },
  'local-1430917381534': { spark: '1.4.0-SNAPSHOT', lines: 231, jobs: 1, stagesCompleted: 2, taskEnds: 110, reasons: { Success: 110 }, executorsAdded: 0, executorsRemoved: 0 },
  'local-1532512550423': { spark: '2.3.0', lines: 30, jobs: 2, stagesCompleted: 2, taskEnds: 8, reasons: { Success: 8 }, executorsAdded: 1, executorsRemoved: 0 },
};

type Json = { readonly [key: string]: unknown };
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null;
const asJson = (v: unknown): Json => (isJson(v) ? v : {});

/** Counts made without any of our code: JSON.parse each line and look at keys. */
function plainCounts(text: string): Counts & { runTime: number; inputBytes: number; shuffleWriteBytes: number } {
  const events = text.split('\n').filter((l) => l.trim() !== '').map((l) => asJson(JSON.parse(l)));
  const named = (name: string) => events.filter((e) => e['Event'] === name);
  const reasons: Record<string, number> = {};
  let runTime = 0;
  let inputBytes = 0;
  let shuffleWriteBytes = 0;
  for (const e of named('SparkListenerTaskEnd')) {
    const reason = String(asJson(e['Task End Reason'])['Reason']);
    reasons[reason] = (reasons[reason] ?? 0) + 1;
    const metrics = asJson(e['Task Metrics']);
    runTime += Number(metrics['Executor Run Time'] ?? 0);
    inputBytes += Number(asJson(metrics['Input Metrics'])['Bytes Read'] ?? 0);
    shuffleWriteBytes += Number(asJson(metrics['Shuffle Write Metrics'])['Shuffle Bytes Written'] ?? 0);
  }
  return {
    lines: events.length,
    jobs: named('SparkListenerJobStart').length,
    stagesCompleted: named('SparkListenerStageCompleted').length,
    taskEnds: named('SparkListenerTaskEnd').length,
    reasons,
    executorsAdded: named('SparkListenerExecutorAdded').length,
    executorsRemoved: named('SparkListenerExecutorRemoved').length,
    runTime,
    inputBytes,
    shuffleWriteBytes,
  };
}

function modelCounts(model: AppModel): Omit<Counts, 'lines'> {
  const ended = model.tasks.filter((t) => t.reason !== undefined);
  const reasons: Record<string, number> = {};
  for (const kind of ended.map((t) => t.reason?.kind ?? 'none')) reasons[kind] = (reasons[kind] ?? 0) + 1;
  const executors = [...model.executors.values()];
  return {
    jobs: model.jobs.length,
    stagesCompleted: model.stages.filter((s) => s.status === 'complete' || s.status === 'failed').length,
    taskEnds: ended.length,
    reasons,
    executorsAdded: executors.filter((e) => e.added !== undefined).length,
    executorsRemoved: executors.filter((e) => e.removed !== undefined).length,
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe.skipIf(!HAVE_SPARK_EVENTS)(`real Spark logs in ${SPARK_EVENTS_DIR}`, () => {
  it('SOURCES.md still holds the table these tests copy', () => {
    const rows = readFileSync(join(SPARK_EVENTS_DIR, 'SOURCES.md'), 'utf8')
      .split('\n')
      .filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| file'));
    const parsed = Object.fromEntries(
      rows.map((row) => {
        const [file, , , lines, jobs, stages, taskEnds, reasons, executors] = row.split('|').slice(1, -1).map((c) => c.trim());
        const [added, removed] = executors.split('/').map((n) => Number(n));
        const byKind = Object.fromEntries(reasons.split(',').map((r) => r.trim().split(' ')).map(([k, n]) => [k, Number(n)]));
        return [file, { lines: +lines, jobs: +jobs, stagesCompleted: +stages, taskEnds: +taskEnds, reasons: byKind, executorsAdded: added, executorsRemoved: removed }];
      }),
    );
    const copied = Object.fromEntries(Object.entries(SOURCES).map(([file, { spark: _, ...counts }]) => [file, counts]));
    expect(parsed).toEqual(copied);
  });

  for (const [file, expected] of Object.entries(SOURCES)) {
    describe(file, () => {
      const path = join(SPARK_EVENTS_DIR, file);
      // A skipped describe still runs its body to collect tests: read only when the logs are there.
      const text = HAVE_SPARK_EVENTS ? readFileSync(path, 'utf8') : '';
      const parsed = parseEventLog(text, path);
      const model = buildAppModel(parsed.events);

      it('plain counts match SOURCES.md', () => {
        const { runTime: _r, inputBytes: _i, shuffleWriteBytes: _s, ...plain } = plainCounts(text);
        const { spark: _, ...counts } = expected;
        expect(plain).toEqual(counts);
      });

      it('the reader keeps every line: known events plus skipped ones', () => {
        expect(parsed.truncated).toBe(false);
        expect(parsed.events.length + parsed.skipped).toBe(expected.lines);
      });

      it('model counts match the plain counts and SOURCES.md', () => {
        const { lines: _, runTime: _r, inputBytes: _i, shuffleWriteBytes: _s, ...plain } = plainCounts(text);
        expect(modelCounts(model)).toEqual(plain);
        const { spark: _v, lines: _l, ...counts } = expected;
        expect(modelCounts(model)).toEqual(counts);
      });

      it('model metrics sum to the plain sums', () => {
        const plain = plainCounts(text);
        expect(sum(model.tasks.map((t) => t.metrics.executorRunTime))).toBe(plain.runTime);
        expect(sum(model.tasks.map((t) => t.metrics.inputBytes))).toBe(plain.inputBytes);
        expect(sum(model.tasks.map((t) => t.metrics.shuffleBytesWritten))).toBe(plain.shuffleWriteBytes);
      });

      it('reads application fields, version and times', () => {
        expect(model.appId).toBe(file);
        expect(model.sparkVersion).toBe(expected.spark);
        expect(model.startTime).toBeGreaterThan(0);
        expect(model.endTime).toBeGreaterThan(model.startTime!);
        for (const job of model.jobs) expect(job.result).toBeDefined();
        for (const task of model.tasks) {
          expect(task.finishTime).toBeGreaterThanOrEqual(task.launchTime);
          expect(task.executorId).not.toBe('<driver>');
        }
        // None of these logs skips a stage.
        expect(model.stages.filter((s) => s.skipped)).toEqual([]);
      });

      it('streams the same events from disk', async () => {
        const stream = readEventLog(path);
        const streamed = [];
        for await (const event of stream) streamed.push(event);
        expect(streamed).toEqual(parsed.events);
        expect(stream.skipped).toBe(parsed.skipped);
        expect(await loadAppModel(path)).toEqual(model);
      });
    });
  }

  it('reads Spark 1.2: no LogStart, `<driver>`, no submission times, a failed job and stage', () => {
    const text = readFileSync(join(SPARK_EVENTS_DIR, 'local-1422981780767'), 'utf8');
    expect(text).toContain('"<driver>"');
    const model = buildAppModel(parseEventLog(text).events);
    expect(model.sparkVersion).toBeUndefined();
    expect(new Set(model.tasks.map((t) => t.executorId))).toEqual(new Set(['driver']));
    expect(model.blockManagers.get('driver')?.host).toBe('localhost');
    expect(model.jobs.map((j) => j.submissionTime)).toEqual([undefined, undefined, undefined]);
    expect(model.jobs.map((j) => j.result?.kind)).toEqual(['JobSucceeded', 'JobFailed', 'JobSucceeded']);
    const failedJob = model.jobs[1].result;
    expect(failedJob?.kind === 'JobFailed' && failedJob.message).toMatch(/^Job aborted due to stage failure/);
    expect(model.stages.map((s) => s.status)).toEqual(['complete', 'complete', 'failed', 'complete']);
    const failure = model.tasks.find((t) => t.reason?.kind === 'ExceptionFailure');
    expect(failure?.reason).toMatchObject({ kind: 'ExceptionFailure', className: 'java.lang.RuntimeException', description: 'got a 3, failing' });
    // Its metrics were logged inside the reason ("Metrics"), as Spark 1.x did.
    expect(failure?.metrics.executorRunTime).toBeGreaterThan(0);
    // 1.x "Input Metrics" carry "Data Read Method"; the bytes are still read.
    expect(sum(model.tasks.map((t) => t.metrics.inputBytes))).toBeGreaterThan(0);
    // Cached blocks were only reported inside task metrics then.
    expect(model.blockUpdates.length).toBeGreaterThan(0);
    expect(model.blockUpdates[0]).toMatchObject({ source: 'TaskEnd', executorId: 'driver', blockId: 'rdd_0_3', memSize: 3500016 });
  });

  it('reads Spark 2.x executors and skips events we do not model', () => {
    const text = readFileSync(join(SPARK_EVENTS_DIR, 'application_1506645932520_24630151'), 'utf8');
    const parsed = parseEventLog(text);
    // 3 SQL execution starts and 3 ends; the 10 stage executor metrics are read.
    expect(parsed.skipped).toBe(6);
    const model = buildAppModel(parsed.events);
    const executor = model.executors.get('1');
    expect(executor).toMatchObject({ host: 'node1404.grid.company.com', cores: 1, added: 1524182111695 });
    expect(executor?.logUrls['stdout']).toMatch(/^http:/);
    expect(model.unpersistedRddIds).toHaveLength(2);
    expect(model.stages.map((s) => [s.stageId, s.jobIds])).toEqual([[0, [0]], [1, [0]], [2, [0]]]);
    expect(model.sparkProperties['spark.serializer']).toBe('org.apache.spark.serializer.KryoSerializer');
    // The peak over the stages, per executor: the driver's largest JVMHeapMemory of its stage-end reports.
    const driverHeaps = text.split('\n').filter((l) => l.includes('StageExecutorMetrics') && l.includes('"Executor ID":"driver"')).map((l) => (JSON.parse(l) as { 'Executor Metrics': { JVMHeapMemory: number } })['Executor Metrics'].JVMHeapMemory);
    expect(model.executorPeakMetrics.get('driver')?.['JVMHeapMemory']).toBe(Math.max(...driverHeaps));
  });
});
