import { SparkSession, StorageLevel } from '@sparkbench/core';
import { attachFaultInjector, parseFaultSpec, type FaultInjector } from '@sparkbench/cluster';
import { onlyPurchases, readEvents, sessionOrders, type JobName } from '../scenarios/seed-jobs.js';
import { runNarrow, runWide, type JobResult } from './job-result.js';

export interface RunOptions {
  readonly scenario: JobName;
  readonly data: string;
  readonly master: string;
  /** Persist the purchases at this level first; the job then runs twice (fill the cache, read it). */
  readonly storage?: string;
  /** Extra Spark settings (`--conf k=v`). */
  readonly conf?: Readonly<Record<string, string>>;
  readonly eventLogDir: string;
  readonly appName?: string;
  /** Fault specs (`kill-executor@50%`); each fires once, in the first job whose trigger it meets. */
  readonly faults?: readonly string[];
}

export interface RunOutcome {
  readonly appId: string;
  readonly eventLog: string;
  /** One result per run of the job (two with --storage). */
  readonly results: JobResult[];
  /** Why the job failed (it exhausted its retries), if it did; the event log is complete either way. */
  readonly error?: string;
}

/**
 * One application, as the seed notebook runs it: read the events, keep the purchases (persisted at
 * `storage` if given), then the narrow count or the wide session table.
 */
export async function runScenario(opts: RunOptions): Promise<RunOutcome> {
  const level = opts.storage === undefined ? undefined : StorageLevel.fromString(opts.storage);
  const faults = (opts.faults ?? []).map(parseFaultSpec);
  const builder = SparkSession.builder()
    .appName(opts.appName ?? `sparkbench ${opts.scenario}${level ? ` ${level.name}` : ''}`)
    .master(opts.master)
    .config('spark.eventLog.enabled', 'true')
    .config('spark.eventLog.dir', opts.eventLogDir);
  for (const [k, v] of Object.entries(opts.conf ?? {})) builder.config(k, v);
  const spark = await builder.getOrCreate();
  const eventLog = spark.sparkContext.eventLog!;
  const results: JobResult[] = [];
  let injector: FaultInjector | undefined;
  let error: string | undefined;
  try {
    spark.jobDescription = 'read events';
    const purchases = onlyPurchases(await readEvents(spark, opts.data));
    if (level !== undefined) purchases.persist(level);
    const runs = level === undefined ? 1 : 2;
    for (let i = 0; i < runs; i++) {
      // Faults strike the measured run: the last one, which (with --storage) reads the cache.
      if (i === runs - 1 && faults.length > 0) injector = attachFaultInjector(spark.sparkContext, faults);
      spark.jobDescription = `${opts.scenario}${runs > 1 ? (i === 0 ? ' (fills the cache)' : ' (from the cache)') : ''}`;
      results.push(opts.scenario === 'narrow' ? await runNarrow(purchases) : await runWide(sessionOrders(purchases)));
    }
  } catch (err) {
    // A failed job is a result too (recorded with its reason), not a crash of the benchmark.
    if (!(err instanceof Error) || err.name !== 'SparkException') throw err;
    error = err.message;
  } finally {
    injector?.stop();
    await spark.stop();
  }
  // Read after stop: the log has its final name only once the application has ended.
  return { appId: spark.sparkContext.appId, eventLog: eventLog.path, results, error };
}
