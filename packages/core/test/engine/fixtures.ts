/**
 * Shared pieces of the engine suite: generated inputs in temp dirs, sessions with an event log, the
 * narrow and wide queries of the benchmark, and the engine's wide rows put in the reference's shape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEventsFile } from '../../../../datasets/src/index.js';
import { col, collect_set, count, max, sum, SparkSession, type DataFrame, type Row } from '../../src/index.js';
import { loadAppModel, type AppModel, type JobRecord, type TaskRecord } from '../../src/events/index.js';
import type { SessionAggregate } from './reference.js';

/** The checked-in sample: 2000 rows, seed 7. */
export const SAMPLE_CSV = fileURLToPath(new URL('../../../../datasets/sample/events-2000-seed7.csv', import.meta.url));

/** A temp directory and its removal, for afterAll. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `sparkbench-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Writes `rows` generated rows with `seed` into `dir`; returns the file's path. */
export async function generatedCsv(dir: string, rows: number, seed: number): Promise<string> {
  const path = join(dir, `events-${rows}-seed${seed}.csv`);
  await generateEventsFile(path, { rows, seed });
  return path;
}

/** A session logging events under `eventLogDir`, with extra conf on top. */
export function startSession(master: string, eventLogDir: string, conf: Record<string, string | number> = {}): Promise<SparkSession> {
  let b = SparkSession.builder()
    .appName('engine-suite')
    .master(master)
    .config('spark.eventLog.enabled', 'true')
    .config('spark.eventLog.dir', eventLogDir)
    // Keeps delay scheduling from waiting on a cached partition's executor: there is only one.
    .config('spark.locality.wait', '0');
  for (const [k, v] of Object.entries(conf)) b = b.config(k, v);
  return b.getOrCreate();
}

export function readEvents(spark: SparkSession, path: string): Promise<DataFrame> {
  return spark.read.option('header', 'true').option('inferSchema', 'true').csv(path);
}

export function purchasesOf(df: DataFrame): DataFrame {
  return df.filter(col('event_type').eq('purchase'));
}

/** The benchmark's wide query: one row per session. */
export function wideOf(df: DataFrame): DataFrame {
  return df
    .groupBy('user_session')
    .agg(max('event_time').alias('Date_order'), collect_set('user_id').alias('user_id'), count('user_session').alias('Quantity'), sum('price').alias('money_spent'));
}

/** Engine rows of `wideOf` as the reference holds them; fails on a session seen twice or a wrongly typed cell. */
export function wideAsReference(rows: readonly Row[]): Map<string, SessionAggregate> {
  const out = new Map<string, SessionAggregate>();
  for (const row of rows) {
    const [session, time, users, n, money] = row;
    if (typeof session !== 'string' || typeof time !== 'number' || !Array.isArray(users) || typeof n !== 'number' || typeof money !== 'number') {
      throw new Error(`unexpected wide row ${JSON.stringify(row)}`);
    }
    if (out.has(session)) throw new Error(`session ${session} appears twice in the result`);
    // Sums of doubles differ from the exact sum by far less than half a cent here.
    const priceCents = Math.round(money * 100);
    out.set(session, { maxTimeMicros: time, userIds: (users as number[]).slice().sort((a, b) => a - b), count: n, priceCents });
  }
  return out;
}

/** Differences between two wide results, at most `limit` of them, each one line (empty when equal). */
export function wideDifferences(actual: ReadonlyMap<string, SessionAggregate>, expected: ReadonlyMap<string, SessionAggregate>, limit = 5): string[] {
  const out: string[] = [];
  for (const [session, want] of expected) {
    if (out.length >= limit) return out;
    const got = actual.get(session);
    if (got === undefined) out.push(`missing session ${session}`);
    else if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${session}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  for (const session of actual.keys()) {
    if (out.length >= limit) return out;
    if (!expected.has(session)) out.push(`unexpected session ${session}`);
  }
  return out;
}

/** The model of the session's event log so far (every job end flushes the log), or of the closed log. */
export function appModel(spark: SparkSession): Promise<AppModel> {
  const log = spark.sparkContext.eventLog;
  if (log === undefined) throw new Error('the session has no event log');
  return loadAppModel(log.path);
}

/** Runs `action` with `description` as its jobs' spark.job.description, so the log can be searched by it. */
export async function described<T>(spark: SparkSession, description: string, action: () => Promise<T>): Promise<T> {
  spark.jobDescription = description;
  try {
    return await action();
  } finally {
    spark.jobDescription = undefined;
  }
}

/** The one job logged with this description. */
export function jobNamed(model: AppModel, description: string): JobRecord {
  const jobs = model.jobs.filter((j) => j.properties['spark.job.description'] === description);
  if (jobs.length !== 1) throw new Error(`expected one job described "${description}", found ${jobs.length}`);
  return jobs[0];
}

/**
 * Task attempts the job ran: those of its stages that it submitted. A stage it skipped ran (if at all)
 * in an earlier job, whose tasks these are not. Exact for jobs run one after the other without faults.
 */
export function tasksOf(model: AppModel, job: JobRecord): TaskRecord[] {
  const ran = job.stageIds.filter((id) => !job.skippedStageIds.includes(id));
  return model.tasks.filter((t) => ran.includes(t.stageId));
}

export function sumOf(tasks: readonly TaskRecord[], metric: (t: TaskRecord) => number): number {
  return tasks.reduce((a, t) => a + metric(t), 0);
}

/** Partitions a task read from the cache (sparkbench's accumulables), local or from a replica. */
export function cacheHits(t: TaskRecord): number {
  return (t.accumulables['sparkbench.cache.localHits'] ?? 0) + (t.accumulables['sparkbench.cache.remoteHits'] ?? 0);
}

/**
 * Bytes a task read from the input file. Spark counts a cached partition as input too (getOrCompute),
 * so a task that hit the cache read nothing from the file.
 */
export function fileInputBytes(t: TaskRecord): number {
  return cacheHits(t) > 0 ? 0 : t.metrics.inputBytes;
}

export function fileInputRecords(t: TaskRecord): number {
  return cacheHits(t) > 0 ? 0 : t.metrics.inputRecords;
}
