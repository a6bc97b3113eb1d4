import { randomBytes } from 'node:crypto';
import { emptyMetrics, storageMemoryBytes, type BackendContext, type BackendEvents, type ExecutorView, type SchedulerBackend, type TaskDescription } from '@sparkbench/core';
import { connect, listen, type RpcConnection, type RpcServer } from '../rpc/index.js';
import type { ExecutorAddress, ExecutorRemovedMsg, Heartbeat, RegisterApplication, RegisterExecutor, StatusUpdate, UpdateBlockInfo, ExecutorLog } from '../deploy/messages.js';
import { LocalCluster, parseLocalCluster, ClusterStartError } from '../deploy/local-cluster.js';
import { HeartbeatReceiver } from './heartbeat-receiver.js';

interface RegisteredExecutor {
  readonly view: ExecutorView;
  readonly conn: RpcConnection;
  readonly address: ExecutorAddress;
  lost: boolean;
}

/** What the fault injector needs of an executor: whom to signal. */
export interface ExecutorProcess {
  readonly executorId: string;
  readonly host: string;
  readonly pid: number;
  readonly workerPid?: number;
}

/** `spark://HOST:PORT` → the master's host and port; null when the URL is not one. */
export function parseSparkUrl(master: string): { host: string; port: number } | null {
  const m = /^spark:\/\/([^:/]+):(\d+)$/.exec(master);
  return m === null ? null : { host: m[1], port: Number(m[2]) };
}

/**
 * Spark's StandaloneSchedulerBackend with its DriverEndpoint: registers the application with the master,
 * accepts executors over authenticated TCP, sends them tasks, and turns executor exits, disconnects and
 * missed heartbeats into one "executor lost" each, with Spark's reason text.
 */
export class StandaloneBackend implements SchedulerBackend {
  readonly master: string;
  private readonly secret: string;
  private readonly host: string;
  private cluster: LocalCluster | undefined;
  private server: RpcServer | undefined;
  private masterConn: RpcConnection | undefined;
  private events!: BackendEvents;
  private readonly executors = new Map<string, RegisteredExecutor>();
  /** Reasons the master gave for executors that are gone (their exit code), by executor id. */
  private readonly masterReasons = new Map<string, string>();
  private heartbeats: HeartbeatReceiver | undefined;
  private expected = 0;
  private stopping = false;

  constructor(
    master: string,
    private readonly ctx: BackendContext,
  ) {
    this.master = master;
    this.secret = ctx.conf.get('spark.authenticate.secret') ?? randomBytes(24).toString('hex');
    this.host = ctx.conf.get('spark.driver.host', '127.0.0.1')!;
  }

  get defaultParallelism(): number {
    const shape = parseLocalCluster(this.master);
    const cores = [...this.executors.values()].reduce((a, e) => a + e.view.cores, 0);
    return Math.max(2, cores, shape === null ? 0 : shape.workers * shape.coresPerWorker);
  }

  private networkTimeoutMs(): number {
    return this.ctx.conf.getTimeMs('spark.network.timeout', '120s', 's');
  }

  private executorMemoryMb(): number {
    return Math.round(this.ctx.conf.getBytes('spark.executor.memory', '1g', 'm') / (1024 * 1024));
  }

  async start(events: BackendEvents): Promise<void> {
    this.events = events;
    const conf = this.ctx.conf;
    const shape = parseLocalCluster(this.master);
    let masterHost: string;
    let masterPort: number;
    // Spark's sc.executorMemory: spark.executor.memory, 1g when unset, whatever the master.
    const memoryMb = this.executorMemoryMb();
    checkExecutorMemory(memoryMb, conf);
    if (shape !== null) {
      if (shape.workers < 1 || shape.coresPerWorker < 1) throw new ClusterStartError(`${this.master}: a local cluster needs at least one worker with at least one core`);
      if (memoryMb > shape.memoryPerWorkerMb) {
        throw new ClusterStartError(
          `Asked to launch cluster with ${shape.memoryPerWorkerMb} MiB/worker but requested ${memoryMb} MiB/executor (spark.executor.memory, 1g by default): lower spark.executor.memory or give the workers more memory`,
        );
      }
      this.cluster = await LocalCluster.start(shape, this.ctx.appDir, this.secret, this.host);
      masterHost = this.cluster.host;
      masterPort = this.cluster.masterPort;
      this.expected = shape.workers;
    } else {
      const url = parseSparkUrl(this.master);
      if (url === null) throw new ClusterStartError(`Could not parse Master URL: '${this.master}'`);
      masterHost = url.host;
      masterPort = url.port;
    }
    this.server = await listen({
      host: this.host,
      port: conf.getInt('spark.driver.port', 0),
      secret: this.secret,
      name: 'driver',
      onConnection: (conn) => conn.onMessage((msg: { type: string }) => this.onExecutorMessage(conn, msg)),
      log: (level, message) => events.log(level, 'TransportServer', message),
    });
    try {
      this.masterConn = await connect({ host: masterHost, port: masterPort, secret: this.secret, name: 'driver', timeoutMs: 10_000 });
    } catch (err) {
      throw new ClusterStartError(`Could not connect to the master at spark://${masterHost}:${masterPort}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.masterConn.onMessage((msg: { type: string }) => this.onMasterMessage(msg));
    this.masterConn.onClose(() => {
      if (!this.stopping) events.log('ERROR', 'StandaloneSchedulerBackend', 'Application has been killed. Reason: Master removed our application: KILLED');
    });
    const reg: RegisterApplication = {
      type: 'RegisterApplication',
      appId: this.ctx.appId,
      appName: conf.get('spark.app.name', 'sparkbench')!,
      coresPerExecutor: conf.getInt('spark.executor.cores', shape?.coresPerWorker ?? 1),
      memoryPerExecutorMb: memoryMb,
      driverHost: this.host,
      driverPort: this.server.port,
      conf: Object.fromEntries(conf.entries().filter(([k]) => !k.includes('secret'))),
    };
    await this.masterConn.ask(reg, 10_000);
    this.heartbeats = new HeartbeatReceiver(
      this.networkTimeoutMs(),
      conf.getTimeMs('spark.executor.heartbeatInterval', '10s'),
      (executorId, ms) => this.heartbeatTimedOut(executorId, ms),
    );
    if (this.expected === 0) this.expected = conf.getInt('spark.sparkbench.minExecutors', 1);
    await this.waitForExecutors(conf.getTimeMs('spark.scheduler.maxRegisteredResourcesWaitingTime', '30s', 'ms'));
  }

  /** Waits until the expected executors have registered, as spark.scheduler.minRegisteredResourcesRatio=1 would. */
  private waitForExecutors(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = (): void => {
        if (this.executors.size >= this.expected) return resolve();
        if (Date.now() - started > timeoutMs) {
          return reject(new ClusterStartError(`only ${this.executors.size} of ${this.expected} executors registered within ${timeoutMs / 1000} s; see the worker logs in ${this.ctx.appDir}/logs`));
        }
        setTimeout(check, 20);
      };
      check();
    });
  }

  private onMasterMessage(msg: { type: string }): void {
    if (msg.type === 'ExecutorRemoved') {
      const m = msg as ExecutorRemovedMsg;
      this.masterReasons.set(m.executorId, m.message);
      // Spark: an exit code means the exit was caused by the app's tasks; a lost worker does not.
      this.executorLost(m.executorId, m.message, m.exitCode !== undefined);
    }
  }

  private onExecutorMessage(conn: RpcConnection, msg: { type: string }): unknown {
    switch (msg.type) {
      case 'RegisterExecutor':
        return this.registerExecutor(conn, msg as RegisterExecutor);
      case 'StatusUpdate': {
        const m = msg as StatusUpdate;
        const e = this.executors.get(m.executorId);
        // Late results of an executor already declared lost are ignored (it may have been frozen).
        if (e === undefined || e.lost) return undefined;
        this.events.statusUpdate(m.executorId, m.taskId, m.outcome);
        return undefined;
      }
      case 'Heartbeat':
        this.heartbeats?.beat((msg as Heartbeat).executorId);
        return undefined;
      case 'UpdateBlockInfo': {
        const m = msg as UpdateBlockInfo;
        const e = this.executors.get(m.executorId);
        if (e !== undefined && !e.lost) this.events.blockUpdated(m.executorId, m.block);
        return undefined;
      }
      case 'ExecutorLog': {
        const m = msg as ExecutorLog;
        this.events.log(m.level, m.source, m.message);
        return undefined;
      }
      case 'BlockUpdatesFlushed':
        // Everything this executor sent before has been handled.
        return true;
      default:
        return undefined;
    }
  }

  private registerExecutor(conn: RpcConnection, msg: RegisterExecutor): { type: 'ExecutorAddresses'; addresses: ExecutorAddress[] } {
    const view = msg.executor;
    const address: ExecutorAddress = { executorId: view.executorId, host: view.host, port: msg.port };
    this.executors.set(view.executorId, { view, conn, address, lost: false });
    this.heartbeats?.beat(view.executorId);
    conn.onClose(() => this.onExecutorDisconnected(view.executorId));
    this.events.log('INFO', 'StandaloneSchedulerBackend$StandaloneDriverEndpoint', `Registered executor NettyRpcEndpointRef(spark-client://Executor) (${view.host}) with ID ${view.executorId}`);
    this.events.executorAdded(view);
    this.broadcastAddresses();
    return { type: 'ExecutorAddresses', addresses: this.addresses() };
  }

  private addresses(): ExecutorAddress[] {
    return [...this.executors.values()].filter((e) => !e.lost).map((e) => e.address);
  }

  private broadcastAddresses(): void {
    const msg = { type: 'ExecutorAddresses', addresses: this.addresses() };
    for (const e of this.executors.values()) if (!e.lost) void e.conn.send(msg).catch(() => undefined);
  }

  /**
   * A dropped connection is the first sign of an exit; the master's message with the exit code follows
   * within milliseconds. Wait briefly for it so the loss carries Spark's reason ("Command exited with code 143").
   */
  private onExecutorDisconnected(executorId: string): void {
    if (this.stopping) return;
    const wait = this.ctx.conf.getTimeMs('spark.sparkbench.lossReasonWaitMs', '50ms');
    setTimeout(() => {
      const reason = this.masterReasons.get(executorId) ?? 'Remote RPC client disassociated. Likely due to containers exceeding thresholds, or network issues. Check driver logs for WARN messages.';
      this.executorLost(executorId, reason, false);
    }, wait).unref();
  }

  private heartbeatTimedOut(executorId: string, ms: number): void {
    const e = this.executors.get(executorId);
    if (e === undefined || e.lost) return;
    const reason = `Executor heartbeat timed out after ${ms} ms`;
    this.events.log('WARN', 'HeartbeatReceiver', `Removing executor ${executorId} with no recent heartbeats: ${ms} ms exceeds timeout ${this.networkTimeoutMs()} ms`);
    this.executorLost(executorId, reason, false);
    // Spark's sc.killAndReplaceExecutor: the master has the worker kill the frozen process and start another.
    void this.masterConn?.send({ type: 'KillAndReplaceExecutor', appId: this.ctx.appId, executorId }).catch(() => undefined);
  }

  private executorLost(executorId: string, reason: string, exitCausedByApp: boolean): void {
    const e = this.executors.get(executorId);
    if (e === undefined || e.lost || this.stopping) return;
    e.lost = true;
    this.heartbeats?.forget(executorId);
    void e.conn.close();
    this.events.log('ERROR', 'TaskSchedulerImpl', `Lost executor ${executorId} on ${e.view.host}: ${reason}`);
    this.events.executorLost(executorId, { message: reason, exitCausedByApp });
    this.broadcastAddresses();
  }

  launchTask(executorId: string, task: TaskDescription): void {
    const e = this.executors.get(executorId);
    if (e === undefined || e.lost) {
      this.events.statusUpdate(executorId, task.taskId, {
        status: 'exception',
        className: 'ExecutorLostException',
        message: `executor ${executorId} is gone`,
        stack: '',
        metrics: emptyMetrics(),
        userError: false,
      });
      return;
    }
    void e.conn.send({ type: 'LaunchTask', task }).catch(() => undefined);
  }

  async removeRdd(rddId: number): Promise<void> {
    await Promise.all([...this.executors.values()].filter((e) => !e.lost).map((e) => e.conn.ask({ type: 'RemoveRdd', rddId }, 10_000).catch(() => undefined)));
  }

  /** Processes of the live executors, for the fault injector. */
  executorProcesses(): ExecutorProcess[] {
    return [...this.executors.values()].filter((e) => !e.lost).map((e) => ({ executorId: e.view.executorId, host: e.view.host, pid: e.view.pid ?? -1, workerPid: e.view.workerPid }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.heartbeats?.stop();
    for (const e of this.executors.values()) if (!e.lost) void e.conn.send({ type: 'StopExecutor' }).catch(() => undefined);
    if (this.masterConn !== undefined) {
      await this.masterConn.send({ type: 'UnregisterApplication', appId: this.ctx.appId }).catch(() => undefined);
      await this.masterConn.close();
    }
    await this.cluster?.stop();
    for (const e of this.executors.values()) await e.conn.close();
    await this.server?.close();
  }
}

/**
 * An executor refuses a heap too small for its storage budget and exits; the master would relaunch it
 * until it gives up, and the driver would wait out spark.scheduler.maxRegisteredResourcesWaitingTime.
 * The driver applies the executor's own rule first, so the user hears why at once.
 */
function checkExecutorMemory(memoryMb: number, conf: BackendContext['conf']): void {
  if (conf.has('spark.storage.memoryBytes')) return; // the executor then takes its budget from that setting
  try {
    storageMemoryBytes(memoryMb * 1024 * 1024, conf.getDouble('spark.memory.fraction', 0.6));
  } catch (err) {
    throw new ClusterStartError(`spark.executor.memory ${memoryMb} MiB is too small for an executor: ${err instanceof Error ? err.message : String(err)}`);
  }
}
