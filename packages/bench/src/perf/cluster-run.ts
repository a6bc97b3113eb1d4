/**
 * One application for the cluster figures: the seed notebook's read, then the narrow or wide job —
 * the same code and the same order as run/run-scenario.ts, with two differences the figures need:
 *
 * - After the measured job, if an executor was removed and no replacement has registered yet, the
 *   application stays up (at most REPLACEMENT_WAIT_MS) until one does, so the replacement's
 *   SparkListenerExecutorAdded reaches the event log. It changes no job figure: the job has ended.
 * - The console progress bar is off and the log level is ERROR, so the benchmark's output stays
 *   readable; everything is in the event log anyway.
 */
import { SparkSession, type SchedulerListener } from '@sparkbench/core';
import { attachFaultInjector, parseFaultSpec, type FaultInjector } from '@sparkbench/cluster';
import { runNarrow, runWide, type JobResult } from '../run/job-result.js';
import { onlyPurchases, readEvents, sessionOrders, type JobName } from '../scenarios/seed-jobs.js';

/** How long the application waits, after its job, for a replacement executor to register. */
export const REPLACEMENT_WAIT_MS = 10_000;

export interface ClusterAppOptions {
  readonly job: JobName;
  readonly data: string;
  readonly master: string;
  /** At most one fault spec, e.g. `kill-executor@50%`; it strikes the measured job. */
  readonly fault?: string;
  readonly eventLogDir: string;
  readonly appName: string;
}

export interface ClusterApp {
  readonly appId: string;
  readonly eventLog: string;
  /** Undefined when the job failed (see error). */
  readonly result?: JobResult;
  readonly error?: string;
  /** The fault spec was given but the injector fired nothing (no target, or the job was too short). */
  readonly faultNotFired: boolean;
  /** How long the application stayed up after the job for the replacement executor (0: it was already there). */
  readonly waitedForReplacementMs: number;
  /** A removed executor had no replacement even after REPLACEMENT_WAIT_MS. */
  readonly replacementTimedOut: boolean;
}

/** Executor additions and removals as the driver sees them, to know when the replacement is in. */
class ExecutorWatch implements SchedulerListener {
  private lastRemoved: number | undefined;
  private lastAdded: number | undefined;
  private waiter: (() => void) | undefined;

  executorAdded(_executor: unknown, time: number): void {
    this.lastAdded = Math.max(this.lastAdded ?? time, time);
    this.waiter?.();
  }

  executorRemoved(_executorId: string, _reason: string, time: number): void {
    this.lastRemoved = Math.max(this.lastRemoved ?? time, time);
  }

  /** An executor was removed and none has been added since. */
  get missingReplacement(): boolean {
    return this.lastRemoved !== undefined && (this.lastAdded === undefined || this.lastAdded < this.lastRemoved);
  }

  /** Resolves true once the replacement registered, false after `ms`. */
  waitForReplacement(ms: number): Promise<boolean> {
    if (!this.missingReplacement) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(false);
      }, ms);
      this.waiter = () => {
        if (this.missingReplacement) return;
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(true);
      };
    });
  }
}

export async function runClusterApp(opts: ClusterAppOptions): Promise<ClusterApp> {
  const faults = opts.fault === undefined ? [] : [parseFaultSpec(opts.fault)];
  const spark = await SparkSession.builder()
    .appName(opts.appName)
    .master(opts.master)
    .config('spark.eventLog.enabled', 'true')
    .config('spark.eventLog.dir', opts.eventLogDir)
    .config('spark.ui.showConsoleProgress', 'false')
    .config('spark.log.level', 'ERROR')
    .getOrCreate();
  const sc = spark.sparkContext;
  const eventLog = sc.eventLog!;
  const watch = new ExecutorWatch();
  sc.addListener(watch);
  let injector: FaultInjector | undefined;
  let result: JobResult | undefined;
  let error: string | undefined;
  let waitedForReplacementMs = 0;
  let replacementTimedOut = false;
  let faultNotFired = false;
  try {
    spark.jobDescription = 'read events';
    const purchases = onlyPurchases(await readEvents(spark, opts.data));
    if (faults.length > 0) injector = attachFaultInjector(sc, faults);
    spark.jobDescription = opts.job;
    result = opts.job === 'narrow' ? await runNarrow(purchases) : await runWide(sessionOrders(purchases));
  } catch (err) {
    // A failed job is a result too (the event log holds why), not a crash of the benchmark.
    if (!(err instanceof Error) || err.name !== 'SparkException') throw err;
    error = err.message;
  } finally {
    faultNotFired = injector !== undefined && injector.fired().length === 0;
    injector?.stop();
    if (watch.missingReplacement) {
      const started = performance.now();
      replacementTimedOut = !(await watch.waitForReplacement(REPLACEMENT_WAIT_MS));
      waitedForReplacementMs = performance.now() - started;
    }
    await spark.stop();
  }
  return { appId: sc.appId, eventLog: eventLog.path, result, error, faultNotFired, waitedForReplacementMs, replacementTimedOut };
}
