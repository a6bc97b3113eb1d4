import { join } from 'node:path';
import { Executor } from '../executor/executor.js';
import type { BackendEvents, SchedulerBackend } from '../scheduler/scheduler-backend.js';
import type { TaskDescription } from '../scheduler/task.js';

export interface LocalBackendOptions {
  readonly cores: number;
  readonly memoryBytes: number;
  readonly offHeapBytes: number;
  /** The application's temp directory; the executor keeps its blocks and shuffle files below it. */
  readonly appDir: string;
  readonly master: string;
}

/**
 * Spark's LocalSchedulerBackend: one executor, called "driver", inside the driver process, running up to
 * N tasks at once on N worker threads (threads rather than processes: one block manager, no process
 * start-up, and tasks already travel as data).
 */
export class LocalBackend implements SchedulerBackend {
  readonly master: string;
  readonly defaultParallelism: number;
  private executor: Executor | undefined;
  private events: BackendEvents | undefined;

  constructor(private readonly options: LocalBackendOptions) {
    this.master = options.master;
    this.defaultParallelism = options.cores;
  }

  async start(events: BackendEvents): Promise<void> {
    this.events = events;
    this.executor = new Executor({
      executorId: 'driver',
      host: 'localhost',
      cores: this.options.cores,
      memoryBytes: this.options.memoryBytes,
      offHeapBytes: this.options.offHeapBytes,
      dir: join(this.options.appDir, 'executor-driver'),
      threads: true,
      onBlockUpdate: (block) => events.blockUpdated('driver', block),
      onWarning: (message) => {
        const [source, ...rest] = message.split(': ');
        events.log('WARN', source, rest.join(': '));
      },
    });
    await this.executor.start();
    events.executorAdded({ executorId: 'driver', host: 'localhost', cores: this.options.cores, pid: process.pid, maxMemory: this.options.memoryBytes });
  }

  launchTask(executorId: string, task: TaskDescription): void {
    const executor = this.executor;
    if (executor === undefined) throw new Error('local backend is not started');
    void executor.run(task).then((outcome) => this.events?.statusUpdate(executorId, task.taskId, outcome));
  }

  async removeRdd(rddId: number): Promise<void> {
    this.executor?.blockManager.removeRdd(rddId);
  }

  async stop(): Promise<void> {
    await this.executor?.stop();
    this.executor = undefined;
  }
}

/** Parses `local`, `local[4]`, `local[*]`, `local[4,2]` (cores, max task failures) as Spark does. */
export function parseLocalMaster(master: string, availableCores: number): { cores: number; maxFailures: number } | null {
  if (master === 'local') return { cores: 1, maxFailures: 1 };
  const m = /^local\[(\*|\d+)(?:\s*,\s*(\d+))?\]$/.exec(master);
  if (m === null) return null;
  const cores = m[1] === '*' ? availableCores : Number(m[1]);
  if (cores < 1) return null;
  return { cores, maxFailures: m[2] === undefined ? 1 : Number(m[2]) };
}
