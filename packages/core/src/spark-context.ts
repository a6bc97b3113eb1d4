import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock, type Clock } from './clock.js';
import { SparkConf } from './conf/spark-conf.js';
import { LocalBackend, parseLocalMaster } from './local/local-backend.js';
import { Logger } from './log/logger.js';
import { backendFactoryFor, InvalidMasterError } from './master-url.js';
import type { RDD } from './rdd/rdd.js';
import { DAGScheduler } from './scheduler/dag-scheduler.js';
import type { SchedulerBackend } from './scheduler/scheduler-backend.js';
import type { SchedulerListener } from './scheduler/scheduler-listener.js';
import type { ResultAction } from './scheduler/task.js';
import { TaskScheduler } from './scheduler/task-scheduler.js';
import { addShutdownHook } from './shutdown-hooks.js';
import { BlockManagerMaster } from './storage/block-manager-master.js';
import { RESERVED_SYSTEM_MEMORY_BYTES, storageMemoryBytes } from './storage/memory-budget.js';
import { composeListeners } from './scheduler/compose-listeners.js';
import { EventLogListener } from './events/event-log-listener.js';
import { ConsoleProgressBar } from './ui/console-progress-bar.js';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Spark's application ids: `local-<millis>` in local mode, `app-<yyyyMMddHHmmss>-0000` on a cluster. */
function newAppId(master: string, now: number): string {
  if (master.startsWith('local') && !master.startsWith('local-cluster')) return `local-${now}`;
  const d = new Date(now);
  return `app-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}-${pad(process.pid % 10000, 4)}`;
}

/**
 * Spark's SparkContext: the application. It owns the RDD registry, the schedulers, the backend with its
 * executors, the block-location map and the listeners (event log, console, logs), and a temp directory
 * removed at stop or at any exit.
 */
export class SparkContext {
  readonly appId: string;
  readonly appName: string;
  readonly master: string;
  readonly startTime: number;
  readonly appDir: string;
  readonly logger: Logger;
  readonly blockManagerMaster = new BlockManagerMaster();
  readonly dagScheduler: DAGScheduler;
  readonly taskScheduler: TaskScheduler;
  readonly eventLog: EventLogListener | undefined;
  private readonly rdds = new Map<number, RDD>();
  private nextRddId = 0;
  private nextShuffleId = 0;
  private readonly listeners: SchedulerListener[] = [];
  private readonly bus = composeListeners(this.listeners);
  private readonly removeHook: () => void;
  private checkpointDir: string | undefined;
  private progressBar: ConsoleProgressBar | undefined;
  private stopped = false;

  private constructor(
    readonly conf: SparkConf,
    readonly backend: SchedulerBackend,
    appId: string,
    appDir: string,
    maxTaskFailures: number,
    readonly clock: Clock,
  ) {
    this.appId = appId;
    this.appDir = appDir;
    this.appName = conf.get('spark.app.name', 'sparkbench')!;
    this.master = backend.master;
    this.startTime = clock.now();
    // A log line first clears the progress bar's line, so the two do not run into each other.
    this.logger = new Logger(conf.get('spark.log.level', 'WARN') as 'WARN', (line) => {
      this.progressBar?.clear();
      process.stderr.write(`${line}\n`);
    });
    this.removeHook = addShutdownHook(() => rmSync(appDir, { recursive: true, force: true }));
    if (conf.getBoolean('spark.eventLog.enabled', false)) {
      const dir = resolve(conf.get('spark.eventLog.dir', 'spark-events')!);
      mkdirSync(dir, { recursive: true });
      this.eventLog = new EventLogListener(dir, this);
      this.listeners.push(this.eventLog);
    }
    this.listeners.push({ log: (level, source, message) => this.logger.log(level, source, message) });
    // Spark shows the progress bar on a terminal (spark.ui.showConsoleProgress).
    if (conf.getBoolean('spark.ui.showConsoleProgress', process.stderr.isTTY === true)) {
      this.progressBar = new ConsoleProgressBar();
      this.listeners.push(this.progressBar);
    }
    const listener = this.bus;
    this.dagScheduler = new DAGScheduler(
      (id) => this.rdd(id),
      this.blockManagerMaster,
      listener,
      { maxConsecutiveStageAttempts: conf.getInt('spark.stage.maxConsecutiveAttempts', 4), resubmitDelayMs: 200 },
      clock,
    );
    this.taskScheduler = new TaskScheduler(
      backend,
      this.dagScheduler,
      { maxTaskFailures, localityWaitMs: conf.getTimeMs('spark.locality.wait', '3s') },
      clock,
    );
    this.dagScheduler.taskScheduler = this.taskScheduler;
  }

  /** Starts an application on `conf`'s master (`spark.master`). */
  static async create(conf: SparkConf, clock: Clock = systemClock): Promise<SparkContext> {
    const master = conf.get('spark.master', 'local[*]')!;
    const now = clock.now();
    const appId = newAppId(master, now);
    const root = conf.get('spark.local.dir') ?? tmpdir();
    mkdirSync(root, { recursive: true });
    const appDir = mkdtempSync(join(root, 'spark-'));
    let backend: SchedulerBackend;
    let maxFailures = conf.getInt('spark.task.maxFailures', 4);
    const local = parseLocalMaster(master, availableParallelism());
    if (local !== null) {
      const heap = conf.getBytes('spark.driver.memory', '1g', 'm');
      // Spark's spark.testing.reservedMemory (bytes): with 0, a tiny spark.driver.memory such as 400k gives
      // a budget small enough for tests and experiments to see eviction; Spark keeps 300 MiB back otherwise.
      const reserved = conf.getBytes('spark.testing.reservedMemory', String(RESERVED_SYSTEM_MEMORY_BYTES), 'b');
      // spark.storage.memoryBytes is sparkbench's own (not Spark's): the storage budget itself, in bytes, as
      // the standalone cluster's executors also read it, for tests and experiments.
      const budget = conf.has('spark.storage.memoryBytes')
        ? conf.getBytes('spark.storage.memoryBytes', '0', 'b')
        : storageMemoryBytes(heap, conf.getDouble('spark.memory.fraction', 0.6), reserved);
      backend = new LocalBackend({
        cores: local.cores,
        memoryBytes: budget,
        offHeapBytes: conf.getBoolean('spark.memory.offHeap.enabled', false) ? conf.getBytes('spark.memory.offHeap.size', '0') : 0,
        appDir,
        master,
      });
      maxFailures = local.maxFailures;
    } else {
      const factory = backendFactoryFor(master);
      if (factory === undefined) {
        rmSync(appDir, { recursive: true, force: true });
        throw new InvalidMasterError(master);
      }
      backend = factory.create(master, { conf, appId, appDir });
      maxFailures = factory.maxTaskFailures?.(master) ?? maxFailures;
    }
    const sc = new SparkContext(conf, backend, appId, appDir, maxFailures, clock);
    sc.eventLog?.applicationStart();
    try {
      await backend.start({
        executorAdded: (e) => {
          sc.listener.executorAdded?.(e, clock.now());
          sc.taskScheduler.executorAdded(e);
        },
        executorLost: (id, reason) => {
          sc.dagScheduler.executorLost(id);
          sc.taskScheduler.executorLost(id, reason);
          sc.listener.executorRemoved?.(id, reason.message, clock.now());
        },
        statusUpdate: (_executorId, taskId, outcome) => sc.taskScheduler.statusUpdate(taskId, outcome),
        blockUpdated: (executorId, block) => {
          sc.blockManagerMaster.update(executorId, block);
          sc.listener.blockUpdated?.(executorId, '', block, clock.now());
        },
        log: (level, source, message) => sc.logger.log(level, source, message),
      });
    } catch (err) {
      await sc.stop().catch(() => undefined);
      throw err;
    }
    return sc;
  }

  /** Every listener at once; listeners added later are reached too. */
  get listener(): SchedulerListener {
    return this.bus;
  }

  addListener(listener: SchedulerListener): void {
    this.listeners.push(listener);
  }

  get defaultParallelism(): number {
    return this.conf.getInt('spark.default.parallelism', this.backend.defaultParallelism);
  }

  newRddId(): number {
    return this.nextRddId++;
  }

  newShuffleId(): number {
    return this.nextShuffleId++;
  }

  register(rdd: RDD): RDD {
    this.rdds.set(rdd.id, rdd);
    return rdd;
  }

  rdd(id: number): RDD {
    const r = this.rdds.get(id);
    if (r === undefined) throw new Error(`unknown RDD ${id}`);
    return r;
  }

  setCheckpointDir(dir: string): void {
    this.checkpointDir = resolve(dir);
    mkdirSync(this.checkpointDir, { recursive: true });
  }

  getCheckpointDir(): string | undefined {
    return this.checkpointDir;
  }

  /** Runs a job: `action` on every partition of `rdd`. */
  runJob(rdd: RDD, action: ResultAction, description?: string): Promise<unknown[]> {
    if (this.stopped) return Promise.reject(new Error('Cannot call methods on a stopped SparkContext.'));
    const properties: Record<string, string> = {};
    if (description !== undefined) properties['spark.job.description'] = description;
    return this.dagScheduler.runJob(rdd, action, properties);
  }

  async unpersist(rdd: RDD): Promise<void> {
    rdd.storageLevel = 'NONE';
    await this.backend.removeRdd(rdd.id);
    this.blockManagerMaster.removeRdd(rdd.id);
    this.listener.unpersistRdd?.(rdd.id);
  }

  /** Stops the executors, closes the event log and removes the temp directory. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.dagScheduler.cancelAll('SparkContext was shut down');
    this.taskScheduler.stop();
    this.progressBar?.stop();
    try {
      await this.backend.stop();
    } finally {
      this.eventLog?.applicationEnd();
      rmSync(this.appDir, { recursive: true, force: true });
      this.removeHook();
    }
  }
}
