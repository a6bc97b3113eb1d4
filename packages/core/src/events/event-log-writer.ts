/**
 * Writes an application's event log the way Spark's EventLoggingListener does: one JSON event a
 * line in `<dir>/<appId>.inprogress`, renamed to `<dir>/<appId>` when the application closes it.
 * A log still named `.inprogress` therefore means the driver never shut down cleanly.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { logStartEvent } from './app-events.js';
import type { SparkEvent, SparkEventName } from './spark-event.js';

/** What our logs claim in SparkListenerLogStart: the Spark JSON shape we write, and that it is us. */
export const SPARKBENCH_SPARK_VERSION = '3.5.0-sparkbench';

export const IN_PROGRESS_SUFFIX = '.inprogress';

export interface EventLogWriterOptions {
  /** Default SPARKBENCH_SPARK_VERSION. */
  sparkVersion?: string;
  /** Replace an existing log of the same app instead of failing (Spark's spark.eventLog.overwrite). */
  overwrite?: boolean;
  /** Buffered bytes that force a write; default 64 KiB. */
  bufferBytes?: number;
}

// Spark's listener flushes after every event except the frequent stage-submitted and task ones.
const BUFFERED_EVENTS: ReadonlySet<SparkEventName> = new Set([
  'SparkListenerStageSubmitted',
  'SparkListenerTaskStart',
  'SparkListenerTaskEnd',
]);

export class EventLogWriter {
  readonly finalPath: string;
  readonly inProgressPath: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  private readonly bufferBytes: number;

  constructor(dir: string, appId: string, options: EventLogWriterOptions = {}) {
    this.finalPath = join(dir, appId);
    this.inProgressPath = this.finalPath + IN_PROGRESS_SUFFIX;
    this.bufferBytes = options.bufferBytes ?? 64 * 1024;
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(this.inProgressPath, options.overwrite ? 'w' : 'wx');
    this.post(logStartEvent(options.sparkVersion ?? SPARKBENCH_SPARK_VERSION));
  }

  /** Where the log is now: the `.inprogress` file until closed. */
  get path(): string {
    return this.closed ? this.finalPath : this.inProgressPath;
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  /** Appends one event; job, stage-completed, executor and app events are flushed at once. */
  post(event: SparkEvent): void {
    if (this.closed) throw new Error(`event log ${this.finalPath} is closed; cannot post ${event.Event}`);
    const line = JSON.stringify(event) + '\n';
    this.pending.push(line);
    this.pendingBytes += Buffer.byteLength(line);
    if (!BUFFERED_EVENTS.has(event.Event) || this.pendingBytes >= this.bufferBytes) this.flush();
  }

  /** Hands buffered events to the OS, so they survive this process dying (not a machine crash). */
  flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }

  /** Flushes, syncs to disk and renames to the final name. Safe to call twice; usable in exit handlers. */
  closeSync(): void {
    if (this.fd === undefined) return;
    this.flush();
    const fd = this.fd;
    this.fd = undefined;
    fsyncSync(fd);
    closeSync(fd);
    renameSync(this.inProgressPath, this.finalPath);
  }

  /**
   * Same as closeSync. Writes are synchronous on purpose: events stay in order, and once flush()
   * returns they are the kernel's, whatever then happens to this process.
   */
  async close(): Promise<void> {
    this.closeSync();
  }
}
