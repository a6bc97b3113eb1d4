// The event log of a narrow and a wide job, read back after stop(): events in Spark's order, stage ids and
// task counts consistent with the splits and shuffle partitions, and metrics that add up to the input.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SparkSession } from '../../src/index.js';
import { parseEventLog } from '../../src/events/index.js';
import { described, generatedCsv, purchasesOf, readEvents, startSession, tempDir, wideOf } from './fixtures.js';
import { referenceResult, type ReferenceResult } from './reference.js';

const SPLIT_BYTES = 128 * 1024;
const SHUFFLE_PARTITIONS = 7;

const tmp = tempDir('shape');
const logDir = join(tmp.path, 'events');
let ref: ReferenceResult;
let fileSize: number;
let events: Json[];

type Json = Record<string, unknown>;

function obj(e: Json, key: string): Json {
  const v = e[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${String(e.Event)}: "${key}" is not an object`);
  return v as Json;
}

function num(e: Json, key: string): number {
  const v = e[key];
  if (typeof v !== 'number') throw new Error(`${String(e.Event)}: "${key}" is not a number`);
  return v;
}

const stageOf = (e: Json): number => (e.Event === 'SparkListenerStageSubmitted' || e.Event === 'SparkListenerStageCompleted' ? num(obj(e, 'Stage Info'), 'Stage ID') : num(e, 'Stage ID'));
const taskIdOf = (e: Json): number => num(obj(e, 'Task Info'), 'Task ID');

/** The events of the job run with `description`, JobStart to JobEnd inclusive. */
function jobEvents(description: string): Json[] {
  const start = events.findIndex((e) => e.Event === 'SparkListenerJobStart' && (obj(e, 'Properties') as Record<string, string>)['spark.job.description'] === description);
  expect(start, description).toBeGreaterThanOrEqual(0);
  const jobId = num(events[start], 'Job ID');
  const end = events.findIndex((e, i) => i > start && e.Event === 'SparkListenerJobEnd' && num(e, 'Job ID') === jobId);
  expect(end, description).toBeGreaterThan(start);
  return events.slice(start, end + 1);
}

/** Checks Spark's order for one stage within a job's events; returns its TaskEnd events. */
function checkStage(job: Json[], stageId: number, numTasks: number, taskType: string): Json[] {
  const at = (pred: (e: Json) => boolean): number[] => job.flatMap((e, i) => (pred(e) ? [i] : []));
  const submitted = at((e) => e.Event === 'SparkListenerStageSubmitted' && stageOf(e) === stageId);
  const completed = at((e) => e.Event === 'SparkListenerStageCompleted' && stageOf(e) === stageId);
  expect([submitted.length, completed.length], `stage ${stageId} submitted/completed`).toEqual([1, 1]);
  const starts = at((e) => e.Event === 'SparkListenerTaskStart' && stageOf(e) === stageId);
  const ends = at((e) => e.Event === 'SparkListenerTaskEnd' && stageOf(e) === stageId);
  expect([starts.length, ends.length], `stage ${stageId} tasks`).toEqual([numTasks, numTasks]);
  for (const i of [...starts, ...ends]) {
    expect(i).toBeGreaterThan(submitted[0]);
    expect(i).toBeLessThan(completed[0]);
  }
  // Every task starts before it ends, and each partition runs once, successfully.
  for (const s of starts) {
    const id = taskIdOf(job[s]);
    const e = ends.find((k) => taskIdOf(job[k]) === id);
    expect(e, `task ${id}`).toBeGreaterThan(s);
  }
  const endEvents = ends.map((i) => job[i]);
  expect(endEvents.map((e) => num(obj(e, 'Task Info'), 'Index')).sort((a, b) => a - b)).toEqual(Array.from({ length: numTasks }, (_, i) => i));
  for (const e of endEvents) {
    expect(obj(e, 'Task End Reason').Reason).toBe('Success');
    expect(e['Task Type']).toBe(taskType);
  }
  return endEvents;
}

function metric(e: Json, group: string, key: string): number {
  return num(obj(obj(e, 'Task Metrics'), group), key);
}

const total = (ends: Json[], group: string, key: string): number => ends.reduce((a, e) => a + metric(e, group, key), 0);

beforeAll(async () => {
  const path = await generatedCsv(tmp.path, 12_000, 77);
  ref = referenceResult(path);
  fileSize = statSync(path).size;
  const spark: SparkSession = await startSession('local[2]', logDir, { 'spark.sql.files.maxPartitionBytes': SPLIT_BYTES, 'spark.sql.shuffle.partitions': SHUFFLE_PARTITIONS });
  let appId: string;
  try {
    appId = spark.sparkContext.appId;
    const df = await readEvents(spark, path);
    expect(await described(spark, 'narrow', () => purchasesOf(df).collectRows())).toHaveLength(ref.purchases);
    expect((await described(spark, 'wide', () => wideOf(df).summarize(20))).count).toBe(ref.wide.size);
  } finally {
    await spark.stop();
  }
  const logPath = join(logDir, appId);
  // Closed cleanly: renamed from .inprogress.
  expect(existsSync(logPath)).toBe(true);
  expect(existsSync(`${logPath}.inprogress`)).toBe(false);
  const parsed = parseEventLog(readFileSync(logPath, 'utf8'), logPath);
  expect(parsed.truncated).toBe(false);
  events = parsed.events as unknown as Json[];
});

afterAll(() => tmp.remove());

describe('the event log', () => {
  it('opens with the log, environment and application start, and ends with the application end', () => {
    expect(events.slice(0, 3).map((e) => e.Event)).toEqual(['SparkListenerLogStart', 'SparkListenerEnvironmentUpdate', 'SparkListenerApplicationStart']);
    expect(events.at(-1)?.Event).toBe('SparkListenerApplicationEnd');
    const jobStarts = events.filter((e) => e.Event === 'SparkListenerJobStart').map((e) => num(e, 'Job ID'));
    const jobEnds = events.filter((e) => e.Event === 'SparkListenerJobEnd').map((e) => num(e, 'Job ID'));
    // Schema inference, narrow, wide: one after the other, numbered in order, every one succeeded.
    expect(jobStarts).toEqual([0, 1, 2]);
    expect(jobEnds).toEqual([0, 1, 2]);
    for (const e of events.filter((ev) => ev.Event === 'SparkListenerJobEnd')) expect(obj(e, 'Job Result').Result).toBe('JobSucceeded');
  });

  it('shows the narrow job as one stage of one task per split, reading every row once', () => {
    const splits = Math.ceil(fileSize / SPLIT_BYTES);
    const job = jobEvents('narrow');
    const infos = job[0]['Stage Infos'] as Json[];
    expect(infos).toHaveLength(1);
    const stageId = num(infos[0], 'Stage ID');
    expect(num(infos[0], 'Number of Tasks')).toBe(splits);
    expect(infos[0]['Stage Name']).toMatch(/^collect at \S+:\d+$/);
    const ends = checkStage(job, stageId, splits, 'ResultTask');
    expect(total(ends, 'Input Metrics', 'Records Read')).toBe(ref.rows);
    // Every byte of the file belongs to exactly one split (header and line ends included).
    expect(total(ends, 'Input Metrics', 'Bytes Read')).toBe(fileSize);
  });

  it('shows the wide job as a map stage per split then a result stage per shuffle partition, with matching metrics', () => {
    const splits = Math.ceil(fileSize / SPLIT_BYTES);
    const job = jobEvents('wide');
    const infos = (job[0]['Stage Infos'] as Json[]).slice().sort((a, b) => num(a, 'Stage ID') - num(b, 'Stage ID'));
    expect(infos).toHaveLength(2);
    const [map, result] = infos;
    const mapId = num(map, 'Stage ID');
    const resultId = num(result, 'Stage ID');
    // Parents first: the map stage has the lower id and is the result stage's only parent.
    expect(resultId).toBeGreaterThan(mapId);
    expect(result['Parent IDs']).toEqual([mapId]);
    expect(map['Parent IDs']).toEqual([]);
    expect(num(map, 'Number of Tasks')).toBe(splits);
    expect(num(result, 'Number of Tasks')).toBe(SHUFFLE_PARTITIONS);
    for (const s of infos) expect(s['Stage Name']).toMatch(/^showString at \S+:\d+$/);
    expect(job.at(-1)?.Event).toBe('SparkListenerJobEnd');

    const mapEnds = checkStage(job, mapId, splits, 'ShuffleMapTask');
    const resultEnds = checkStage(job, resultId, SHUFFLE_PARTITIONS, 'ResultTask');
    const mapDone = job.findIndex((e) => e.Event === 'SparkListenerStageCompleted' && stageOf(e) === mapId);
    const resultSubmitted = job.findIndex((e) => e.Event === 'SparkListenerStageSubmitted' && stageOf(e) === resultId);
    expect(resultSubmitted).toBeGreaterThan(mapDone);

    expect(total(mapEnds, 'Input Metrics', 'Records Read')).toBe(ref.rows);
    expect(total(mapEnds, 'Input Metrics', 'Bytes Read')).toBe(fileSize);
    expect(total(resultEnds, 'Input Metrics', 'Bytes Read')).toBe(0);
    // Map-side combine writes one record per session per map task: at least one per session, at most one per row.
    const written = total(mapEnds, 'Shuffle Write Metrics', 'Shuffle Records Written');
    expect(written).toBeGreaterThanOrEqual(ref.wide.size);
    expect(written).toBeLessThanOrEqual(ref.rows);
    expect(total(resultEnds, 'Shuffle Read Metrics', 'Total Records Read')).toBe(written);
    const bytesRead = total(resultEnds, 'Shuffle Read Metrics', 'Local Bytes Read') + total(resultEnds, 'Shuffle Read Metrics', 'Remote Bytes Read');
    expect(bytesRead).toBe(total(mapEnds, 'Shuffle Write Metrics', 'Shuffle Bytes Written'));
    expect(total(mapEnds, 'Shuffle Read Metrics', 'Total Records Read')).toBe(0);
  });
});
