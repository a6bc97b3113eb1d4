import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Row } from '../sql/types.js';
import type { MapStatus } from '../shuffle/map-status.js';
import { readShuffleSlice } from '../shuffle/shuffle-files.js';
import { BlockManager } from '../storage/block-manager.js';
import { StorageLevel } from '../storage/storage-level.js';
import { emptyMetrics, type TaskDescription, type TaskOutcome, type UpdatedBlock } from '../scheduler/task.js';
import { deserializeRows } from '../serializer/index.js';
import { runTask } from './run-task.js';
import type { CachedBlock, TaskEnv } from './task-context.js';
import type { FromThread, ThreadInit, ToThread } from './thread-messages.js';
import { toUpdatedBlock } from './updated-block.js';
import { distFile } from './dist-file.js';

/** How an executor reaches blocks and shuffle output held by other executors (the cluster's transport). */
export interface RemoteFetcher {
  fetchBlock(executorId: string, blockId: string): Promise<Uint8Array | undefined>;
  fetchShuffle(status: MapStatus, reduceId: number): Promise<Uint8Array>;
}

export interface ExecutorOptions {
  readonly executorId: string;
  readonly host: string;
  readonly cores: number;
  /** Storage memory budget in bytes (see storageMemoryBytes). */
  readonly memoryBytes: number;
  readonly offHeapBytes?: number;
  /** This executor's own directory (blocks and shuffle files); removed when it stops. */
  readonly dir: string;
  /** Run tasks in worker threads (one per core) or on this thread, one at a time. */
  readonly threads: boolean;
  readonly remote?: RemoteFetcher;
  /** Every block change as it happens: a task's puts, evictions, removals, replicas received. */
  readonly onBlockUpdate?: (block: UpdatedBlock) => void;
  readonly onWarning?: (message: string) => void;
  /** A stored block with replication > 1: the transport copies it to peers; the put waits for it, as Spark's does. */
  readonly onReplicate?: (blockId: string, bytes: Buffer, level: StorageLevel) => Promise<void>;
}

interface TaskThread {
  readonly worker: Worker;
  busy: boolean;
  current?: { taskId: number; resolve: (o: TaskOutcome) => void };
}

/**
 * Spark's Executor: owns a block manager and runs tasks on its cores. In local mode it lives in the driver
 * process; in the standalone cluster each executor process has one.
 */
export class Executor {
  readonly blockManager: BlockManager;
  readonly shuffleDir: string;
  private readonly threads: TaskThread[] = [];
  private readonly queue: { task: TaskDescription; resolve: (o: TaskOutcome) => void }[] = [];
  /** Replications started by the put in progress. */
  private replications: Promise<void>[] = [];
  private stopped = false;

  constructor(private readonly options: ExecutorOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.shuffleDir = join(options.dir, 'shuffle');
    this.blockManager = new BlockManager({
      executorId: options.executorId,
      host: options.host,
      memoryBytes: options.memoryBytes,
      offHeapBytes: options.offHeapBytes ?? 0,
      localDir: options.dir,
      // A task's own put is reported now too, as Spark's doPut does: reported only with the task's result,
      // it could reach the driver after another task's put had already evicted that block.
      onBlockUpdate: (blockId, status) => options.onBlockUpdate?.(toUpdatedBlock(blockId, status)),
      onWarning: (message) => options.onWarning?.(message),
      onReplicate: (blockId, bytes, level) => {
        const copy = options.onReplicate?.(blockId, bytes, level);
        if (copy !== undefined) this.replications.push(copy);
      },
    });
  }

  get executorId(): string {
    return this.options.executorId;
  }

  async start(): Promise<void> {
    if (!this.options.threads) return;
    await Promise.all(
      Array.from({ length: this.options.cores }, () => {
        const { worker } = this.newThread();
        return new Promise<void>((resolve, reject) => {
          worker.once('online', () => resolve());
          worker.once('error', reject);
        });
      }),
    );
  }

  /** Runs a task to its outcome. */
  run(task: TaskDescription): Promise<TaskOutcome> {
    if (!this.options.threads) return runTask(task, this.inlineEnv());
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const t of this.threads) {
      if (t.busy) continue;
      const next = this.queue.shift();
      if (next === undefined) return;
      t.busy = true;
      t.current = { taskId: next.task.taskId, resolve: next.resolve };
      t.worker.postMessage({ type: 'run', task: next.task } satisfies ToThread);
    }
  }

  private async onThreadMessage(t: TaskThread, msg: FromThread): Promise<void> {
    if (msg.type === 'done') {
      const current = t.current;
      t.busy = false;
      t.current = undefined;
      current?.resolve(msg.outcome);
      this.dispatch();
      return;
    }
    let reply: ToThread;
    try {
      let value: unknown;
      if (msg.type === 'getBlock') value = await this.getBlock(msg.blockId, msg.locations);
      else if (msg.type === 'putBlock') value = await this.putBlock(msg.blockId, msg.data, msg.level);
      else value = await this.fetchShuffle(msg.status, msg.reduceId);
      reply = { type: 'reply', id: msg.id, value };
    } catch (err) {
      reply = { type: 'reply', id: msg.id, error: err instanceof Error ? err.message : String(err) };
    }
    if (!this.stopped) t.worker.postMessage(reply);
  }

  private onThreadError(t: TaskThread, err: Error): void {
    // A thread that dies takes its task with it; report the task as failed and replace the thread.
    const current = t.current;
    t.busy = false;
    t.current = undefined;
    current?.resolve({
      status: 'exception',
      className: err.name,
      message: `task thread died: ${err.message}`,
      stack: err.stack ?? '',
      metrics: emptyMetrics(),
      userError: false,
    });
    const i = this.threads.indexOf(t);
    if (i >= 0) this.threads.splice(i, 1);
    if (this.stopped) return;
    this.newThread();
    this.dispatch();
  }

  private newThread(): TaskThread {
    const init: ThreadInit = { executorId: this.options.executorId, host: this.options.host, shuffleDir: this.shuffleDir };
    // No flags or NODE_OPTIONS preloads from the parent: a profiler injected into the driver (clinic) must
    // not start a second copy of itself in every task thread, writing to the same files.
    const worker = new Worker(distFile(new URL('./task-thread.js', import.meta.url)), {
      workerData: init,
      execArgv: [],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const t: TaskThread = { worker, busy: false };
    worker.on('message', (msg: FromThread) => void this.onThreadMessage(t, msg));
    worker.on('error', (err) => this.onThreadError(t, err));
    this.threads.push(t);
    return t;
  }

  async getBlock(blockId: string, locations: readonly string[]): Promise<CachedBlock | undefined> {
    const local = this.blockManager.getRows(blockId);
    if (local !== undefined) {
      const status = this.blockManager.getStatus(blockId);
      return { rows: local, remote: false, bytes: status === undefined ? 0 : status.memSize || status.diskSize };
    }
    for (const executorId of locations) {
      if (executorId === this.options.executorId || this.options.remote === undefined) continue;
      const bytes = await this.options.remote.fetchBlock(executorId, blockId).catch(() => undefined);
      if (bytes === undefined) continue;
      return { rows: deserializeRows(bytes), remote: true, bytes: bytes.length };
    }
    return undefined;
  }

  /** Stores a computed partition: rows, or their serialized bytes (a task thread serializes those itself). */
  async putBlock(blockId: string, data: Row[] | Uint8Array, level: string): Promise<UpdatedBlock> {
    const l = StorageLevel.fromString(level);
    const result = Array.isArray(data) ? this.blockManager.putRows(blockId, data, l) : this.blockManager.putBytes(blockId, data, l);
    const copies = this.replications;
    this.replications = [];
    // A replica that cannot be written is logged by the transport; the local copy stands.
    await Promise.allSettled(copies);
    return toUpdatedBlock(blockId, result.status);
  }

  fetchShuffle(status: MapStatus, reduceId: number): Promise<Uint8Array> {
    if (status.executorId === this.options.executorId) {
      return Promise.resolve(readShuffleSlice(this.shuffleDir, status.shuffleId, status.mapId, reduceId));
    }
    if (this.options.remote === undefined) return Promise.reject(new Error(`no route to executor ${status.executorId}`));
    return this.options.remote.fetchShuffle(status, reduceId);
  }

  private inlineEnv(): TaskEnv {
    return {
      executorId: this.options.executorId,
      host: this.options.host,
      shuffleDir: this.shuffleDir,
      getBlock: (blockId, locations) => this.getBlock(blockId, locations),
      putBlock: (blockId, rows, level) => this.putBlock(blockId, rows, level),
      fetchShuffleBlock: (status, reduceId) => this.fetchShuffle(status, reduceId),
    };
  }

  /** Stops the task threads and removes this executor's directory. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads.length = 0;
    this.blockManager.close();
    rmSync(this.options.dir, { recursive: true, force: true });
  }
}
