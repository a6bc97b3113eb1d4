/**
 * Shared pieces of the cluster integration suite: generated inputs in per-test temp roots, sessions whose
 * every file (app dirs, cluster logs, worker dirs, event logs) lives under that root, the seed notebook's
 * two jobs, and the checks that nothing — process, temp dir — is left behind.
 *
 * Processes are found by their command line: every master, worker and executor a test starts carries a
 * path under the test's temp root in its arguments (log file, work dir, executor dir). That keeps the
 * check exact even when other test files run clusters of their own at the same time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { attachFaultInjector, parseFaultSpec } from '../../src/index.js';
import { CACHE_ACCUMULABLES, col, collect_set, count, events, max, sum, SparkSession, type DataFrame } from '@sparkbench/core';
import { generateEventsFile } from '../../../../datasets/src/index.js';

/** The workspace root (where packages/ is), for running the CLI. */
export const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));
export const CLI_BIN = join(WORKSPACE, 'packages/cli/dist/bin.js');

/**
 * A fresh directory under the OS temp dir. remove() kills whatever a failed test left running under it
 * (so one failure does not leak into the next tests), then deletes it and everything in it.
 */
export function tempRoot(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `sparkbench-it-${prefix}-`));
  return {
    path,
    remove: () => {
      killProcessesUnder(path);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Writes `rows` generated events with `seed` into `dir`; returns the file's path. */
export async function eventsCsv(dir: string, rows: number, seed: number): Promise<string> {
  const path = join(dir, `events-${rows}-seed${seed}.csv`);
  await generateEventsFile(path, { rows, seed });
  return path;
}

/**
 * Settings every test app uses: 8 reduce partitions, 256 KiB input splits (so 30k rows make ~16 map
 * tasks), and the app's own directory `dir` under the test's root: its event log in `dir/events`, its
 * spark.local.dir in `dir/local` so the `spark-*` app dir can be checked.
 */
export function baseConf(dir: string): Record<string, string> {
  return {
    'spark.sql.shuffle.partitions': '8',
    'spark.sql.files.maxPartitionBytes': String(256 * 1024),
    'spark.eventLog.enabled': 'true',
    'spark.eventLog.dir': join(dir, 'events'),
    'spark.local.dir': join(dir, 'local'),
    'spark.ui.showConsoleProgress': 'false',
  };
}

export function startSession(master: string, conf: Record<string, string>): Promise<SparkSession> {
  let b = SparkSession.builder().appName('cluster-integration').master(master);
  for (const [k, v] of Object.entries(conf)) b = b.config(k, v);
  return b.getOrCreate();
}

/** What an application left to check once it stopped. */
export interface Application<T> {
  readonly value: T;
  /** The driver's log lines (see captureLogs). */
  readonly logs: string[];
  /** Its event log. */
  readonly model: events.AppModel;
  /** From just before `body` ran until the session had stopped. */
  readonly ms: number;
}

export interface AppOptions {
  /** Settings beyond baseConf. */
  readonly conf?: Record<string, string>;
  /** A --fault spec, armed before `body` runs and disarmed before the session stops. */
  readonly fault?: string;
}

/**
 * Runs `body` in one application whose files live in `dir` (see baseConf), with the driver's log
 * captured; stops the session even when `body` throws, then reads the application's event log.
 */
export async function runApp<T>(dir: string, master: string, opts: AppOptions, body: (spark: SparkSession) => Promise<T>): Promise<Application<T>> {
  const spark = await startSession(master, { ...baseConf(dir), ...opts.conf });
  const logs = captureLogs(spark);
  const injector = opts.fault === undefined ? undefined : attachFaultInjector(spark.sparkContext, [parseFaultSpec(opts.fault)]);
  const started = Date.now();
  let value: T;
  try {
    value = await body(spark);
  } finally {
    injector?.stop();
    await spark.stop();
  }
  const ms = Date.now() - started;
  return { value, logs, model: await eventLogOf(spark), ms };
}

/** The job's answer in local mode, with no fault: what every faulted run of it must return. */
export async function faultFreeAnswer(dir: string, data: string, scenario: Scenario): Promise<JobAnswer> {
  const spark = await startSession('local[2]', baseConf(dir));
  try {
    return await runScenarioJob(scenario, onlyPurchases(await readEvents(spark, data)));
  } finally {
    await spark.stop();
  }
}

/** Once an application in `dir` has stopped: no `spark-*` dir in its spark.local.dir, no process under `dir`. */
export async function expectNothingLeftIn(dir: string): Promise<void> {
  expect(sparkDirsIn(join(dir, 'local'))).toEqual([]);
  expect(await waitForNoProcesses(dir, 3000)).toEqual([]);
}

/**
 * Sends the driver's log lines (its own, the scheduler's, the fault injector's, the executors' warnings)
 * to an array instead of stderr: fifty fault schedules would otherwise fill the test output, and a failing
 * one prints its lines with the failure. Lines logged while the session was starting went to stderr already.
 */
export function captureLogs(spark: SparkSession): string[] {
  const lines: string[] = [];
  spark.sparkContext.logger.log = (level, source, message) => {
    lines.push(`${level} ${source}: ${message}`);
  };
  return lines;
}

/** `spark.read.option("header","true").option("inferSchema","true").csv(path)`, as the notebook reads. */
export function readEvents(spark: SparkSession, path: string, mode = 'PERMISSIVE'): Promise<DataFrame> {
  return spark.read.option('header', 'true').option('inferSchema', 'true').option('mode', mode).csv(path);
}

export function onlyPurchases(df: DataFrame): DataFrame {
  return df.filter(col('event_type').eq('purchase'));
}

/** The wide job: one row per session. */
export function sessionOrders(purchases: DataFrame): DataFrame {
  return purchases
    .groupBy('user_session')
    .agg(max('event_time').alias('Date_order'), collect_set('user_id').alias('user_id'), count('user_session').alias('Quantity'), sum('price').alias('money_spent'));
}

export type Scenario = 'narrow' | 'wide';

/** What a job returned: the narrow count, or the wide table's row count and digest. */
export interface JobAnswer {
  readonly rows: number;
  readonly digest?: string;
}

export async function runScenarioJob(scenario: Scenario, purchases: DataFrame): Promise<JobAnswer> {
  if (scenario === 'narrow') return { rows: await purchases.count() };
  const { count: rows, digest } = await sessionOrders(purchases).summarize(20);
  return { rows, digest };
}

/** The application's event log, once it has stopped (the log has its final name only then). */
export function eventLogOf(spark: SparkSession): Promise<events.AppModel> {
  const log = spark.sparkContext.eventLog;
  if (log === undefined) throw new Error('the session has no event log (spark.eventLog.enabled)');
  return events.loadAppModel(log.path);
}

/** Partitions a task read from the cache: on its own executor, or fetched from another's copy. */
export function cacheHits(t: events.TaskRecord): { local: number; remote: number } {
  return { local: t.accumulables[CACHE_ACCUMULABLES.localHits] ?? 0, remote: t.accumulables[CACHE_ACCUMULABLES.remoteHits] ?? 0 };
}

/**
 * Bytes a task read from the input file. Spark counts a cached partition as input too (getOrCompute),
 * so the input of a task that hit the cache was the cache, not the file.
 */
export function fileInputBytes(t: events.TaskRecord): number {
  const hits = cacheHits(t);
  return hits.local + hits.remote > 0 ? 0 : t.metrics.inputBytes;
}

export interface ProcessInfo {
  readonly pid: number;
  /** ps state: R running, S sleeping, T stopped (SIGSTOP), ... */
  readonly stat: string;
  readonly args: string;
}

/** Live processes whose command line mentions `root` (zombies have lost their arguments and do not count). */
export function processesUnder(root: string): ProcessInfo[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const found: ProcessInfo[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m === null || m[2].startsWith('Z') || Number(m[1]) === process.pid) continue;
    if (m[3].includes(root) && !m[3].startsWith('ps ')) found.push({ pid: Number(m[1]), stat: m[2], args: m[3] });
  }
  return found;
}

/** Polls until no process mentions `root`; returns those still alive after `timeoutMs` (empty when all went). */
export async function waitForNoProcesses(root: string, timeoutMs = 5000): Promise<ProcessInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = processesUnder(root);
    if (left.length === 0 || Date.now() > deadline) return left;
    await sleep(50);
  }
}

/** Kills whatever a failed test left behind under `root`, so one failure does not leak into the next tests. */
export function killProcessesUnder(root: string): void {
  for (const p of processesUnder(root)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** The `spark-*` application directories left in a spark.local.dir. */
export function sparkDirsIn(localDir: string): string[] {
  if (!existsSync(localDir)) return [];
  return readdirSync(localDir).filter((name) => name.startsWith('spark-'));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true; throws `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}
