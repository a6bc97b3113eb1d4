import type { RpcConnection } from '../rpc/index.js';
import type {
  ExecutorStateChanged,
  KillAndReplace,
  LaunchExecutor,
  MasterState,
  RegisterApplication,
  RegisterWorker,
  UnregisterApplication,
} from './messages.js';

type Log = (level: 'INFO' | 'WARN' | 'ERROR', message: string) => void;

interface WorkerInfo {
  readonly conn: RpcConnection;
  readonly reg: RegisterWorker;
  coresUsed: number;
  memoryUsedMb: number;
}

interface ExecutorDesc {
  readonly executorId: string;
  readonly workerId: string;
  readonly cores: number;
  readonly memoryMb: number;
}

interface AppInfo {
  readonly conn: RpcConnection;
  readonly reg: RegisterApplication;
  nextExecutorId: number;
  readonly executors: Map<string, ExecutorDesc>;
  /** Executors that failed in a row; Spark gives up on the app after spark.deploy.maxExecutorRetries. */
  failures: number;
}

/**
 * Spark's standalone Master: keeps the workers and applications, places executors on workers with free
 * cores and memory (Master.schedule, spreading one executor per worker), and relaunches an executor when
 * one exits, telling the driver why the old one went.
 */
export class Master {
  private readonly workers = new Map<string, WorkerInfo>();
  private readonly apps = new Map<string, AppInfo>();

  constructor(
    private readonly log: Log,
    private readonly maxExecutorRetries = 10,
  ) {}

  /** Every connection's first message says who it is. */
  accept(conn: RpcConnection): void {
    conn.onMessage((msg: { type: string }) => this.onMessage(conn, msg));
  }

  private onMessage(conn: RpcConnection, msg: { type: string }): unknown {
    switch (msg.type) {
      case 'RegisterWorker':
        return this.registerWorker(conn, msg as RegisterWorker);
      case 'RegisterApplication':
        return this.registerApp(conn, msg as RegisterApplication);
      case 'ExecutorStateChanged':
        this.executorStateChanged(msg as ExecutorStateChanged);
        return undefined;
      case 'KillAndReplaceExecutor':
        this.killExecutor(msg as KillAndReplace);
        return undefined;
      case 'UnregisterApplication':
        this.removeApp((msg as UnregisterApplication).appId, 'FINISHED');
        return undefined;
      case 'MasterState':
        return this.state();
      default:
        this.log('WARN', `Master: unknown message ${msg.type}`);
        return undefined;
    }
  }

  private registerWorker(conn: RpcConnection, reg: RegisterWorker): { ok: true } {
    this.log('INFO', `Registering worker ${reg.host} with ${reg.cores} cores, ${reg.memoryMb}.0 MiB RAM`);
    this.workers.set(reg.workerId, { conn, reg, coresUsed: 0, memoryUsedMb: 0 });
    conn.onClose(() => this.workerLost(reg.workerId));
    this.schedule();
    return { ok: true };
  }

  private registerApp(conn: RpcConnection, reg: RegisterApplication): { ok: true; appId: string } {
    this.log('INFO', `Registering app ${reg.appName} as ${reg.appId}`);
    this.apps.set(reg.appId, { conn, reg, nextExecutorId: 0, executors: new Map(), failures: 0 });
    conn.onClose(() => this.removeApp(reg.appId, 'KILLED'));
    queueMicrotask(() => this.schedule());
    return { ok: true, appId: reg.appId };
  }

  /** Places executors of waiting applications on workers that have room, at most one per worker per app. */
  private schedule(): void {
    for (const app of this.apps.values()) {
      // A lost worker is removed from this.workers, so every worker here is alive.
      const workers = [...this.workers.values()].sort((a, b) => a.coresUsed - b.coresUsed || a.reg.workerId.localeCompare(b.reg.workerId));
      for (const w of workers) {
        const hasOne = [...app.executors.values()].some((e) => e.workerId === w.reg.workerId);
        const fits = w.reg.cores - w.coresUsed >= app.reg.coresPerExecutor && w.reg.memoryMb - w.memoryUsedMb >= app.reg.memoryPerExecutorMb;
        if (hasOne || !fits) continue;
        this.launch(app, w);
      }
    }
  }

  private launch(app: AppInfo, w: WorkerInfo): void {
    const executorId = String(app.nextExecutorId++);
    const desc: ExecutorDesc = { executorId, workerId: w.reg.workerId, cores: app.reg.coresPerExecutor, memoryMb: app.reg.memoryPerExecutorMb };
    app.executors.set(executorId, desc);
    w.coresUsed += desc.cores;
    w.memoryUsedMb += desc.memoryMb;
    this.log('INFO', `Launching executor ${app.reg.appId}/${executorId} on worker ${w.reg.workerId}`);
    const launch: LaunchExecutor = {
      type: 'LaunchExecutor',
      appId: app.reg.appId,
      executorId,
      cores: desc.cores,
      memoryMb: desc.memoryMb,
      driverHost: app.reg.driverHost,
      driverPort: app.reg.driverPort,
      conf: app.reg.conf,
    };
    void w.conn.send(launch).catch(() => undefined);
    void app.conn.send({ type: 'ExecutorAdded', executorId, workerId: w.reg.workerId, host: w.reg.host, cores: desc.cores }).catch(() => undefined);
  }

  private release(app: AppInfo, executorId: string): ExecutorDesc | undefined {
    const desc = app.executors.get(executorId);
    if (desc === undefined) return undefined;
    app.executors.delete(executorId);
    const w = this.workers.get(desc.workerId);
    if (w !== undefined) {
      w.coresUsed -= desc.cores;
      w.memoryUsedMb -= desc.memoryMb;
    }
    return desc;
  }

  private executorStateChanged(msg: ExecutorStateChanged): void {
    const app = this.apps.get(msg.appId);
    if (app === undefined || msg.state === 'RUNNING') {
      if (app !== undefined) app.failures = 0;
      return;
    }
    if (this.release(app, msg.executorId) === undefined) return;
    this.log('INFO', `Removing executor ${msg.appId}/${msg.executorId} because it is ${msg.state}`);
    void app.conn.send({ type: 'ExecutorRemoved', executorId: msg.executorId, message: msg.message, exitCode: msg.exitCode, workerLost: false }).catch(() => undefined);
    app.failures++;
    if (app.failures >= this.maxExecutorRetries) {
      this.log('ERROR', `Application ${msg.appId} with ID ${msg.appId} failed ${app.failures} times; removing it`);
      this.removeApp(msg.appId, 'FAILED');
      return;
    }
    this.schedule();
  }

  /** The driver asks: an executor stopped heartbeating; kill its process and start another. */
  private killExecutor(msg: KillAndReplace): void {
    const app = this.apps.get(msg.appId);
    const desc = app?.executors.get(msg.executorId);
    if (app === undefined || desc === undefined) return;
    void this.workers.get(desc.workerId)?.conn.send({ type: 'KillExecutor', appId: msg.appId, executorId: msg.executorId }).catch(() => undefined);
  }

  private workerLost(workerId: string): void {
    const w = this.workers.get(workerId);
    if (w === undefined) return;
    this.workers.delete(workerId);
    this.log('WARN', `Removing worker ${workerId} on ${w.reg.host}`);
    for (const app of this.apps.values()) {
      for (const desc of [...app.executors.values()]) {
        if (desc.workerId !== workerId) continue;
        app.executors.delete(desc.executorId);
        void app.conn.send({ type: 'ExecutorRemoved', executorId: desc.executorId, message: 'Worker shutting down', workerLost: true }).catch(() => undefined);
      }
    }
    this.schedule();
  }

  private removeApp(appId: string, state: string): void {
    const app = this.apps.get(appId);
    if (app === undefined) return;
    this.apps.delete(appId);
    this.log('INFO', `Removing app ${appId} (${state})`);
    for (const executorId of [...app.executors.keys()]) {
      const desc = this.release(app, executorId)!;
      void this.workers.get(desc.workerId)?.conn.send({ type: 'KillExecutor', appId, executorId }).catch(() => undefined);
    }
    this.schedule();
  }

  state(): MasterState {
    return {
      workers: [...this.workers.values()].map((w) => ({
        workerId: w.reg.workerId,
        host: w.reg.host,
        cores: w.reg.cores,
        coresUsed: w.coresUsed,
        memoryMb: w.reg.memoryMb,
        memoryUsedMb: w.memoryUsedMb,
        pid: w.reg.pid,
      })),
      apps: [...this.apps.values()].map((a) => ({ appId: a.reg.appId, appName: a.reg.appName, executors: [...a.executors.keys()] })),
    };
  }
}
