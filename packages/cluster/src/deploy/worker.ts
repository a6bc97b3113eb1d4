import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { distFile } from '@sparkbench/core';
import type { RpcConnection } from '../rpc/index.js';
import { exitCodeOf, exitMessage } from './exit-status.js';
import type { ExecutorStateChanged, KillExecutor, LaunchExecutor } from './messages.js';
import { registerProcess, stopProcess } from './process-registry.js';

type Log = (level: 'INFO' | 'WARN' | 'ERROR', message: string) => void;

export interface WorkerOptions {
  readonly workerId: string;
  readonly host: string;
  readonly cores: number;
  readonly memoryMb: number;
  /** Where executors get their directories; each is removed when its executor ends. */
  readonly workDir: string;
  readonly secret: string;
}

/** The executor process entry point (compiled JavaScript). */
export const EXECUTOR_MAIN = distFile(new URL('../executor/executor-main.js', import.meta.url));

/**
 * Spark's Worker with its ExecutorRunners: starts one executor process per request of the master, watches
 * it, and reports its exit code. When the worker goes, its executors go with it.
 */
export class Worker {
  private readonly executors = new Map<string, { child: ChildProcess; dir: string; killed: boolean }>();

  constructor(
    private readonly options: WorkerOptions,
    private readonly master: RpcConnection,
    private readonly log: Log,
  ) {
    master.onMessage((msg: { type: string }) => {
      if (msg.type === 'LaunchExecutor') this.launch(msg as LaunchExecutor);
      else if (msg.type === 'KillExecutor') void this.kill(msg as KillExecutor);
      return undefined;
    });
  }

  private launch(msg: LaunchExecutor): void {
    const key = `${msg.appId}/${msg.executorId}`;
    const dir = join(this.options.workDir, msg.appId, msg.executorId);
    mkdirSync(dir, { recursive: true });
    const args = [
      `--max-old-space-size=${Math.max(256, msg.memoryMb)}`,
      EXECUTOR_MAIN,
      JSON.stringify({
        appId: msg.appId,
        executorId: msg.executorId,
        host: this.options.host,
        cores: msg.cores,
        memoryMb: msg.memoryMb,
        driverHost: msg.driverHost,
        driverPort: msg.driverPort,
        dir,
        conf: msg.conf,
      }),
    ];
    // The secret travels in the environment, never on the command line (ps shows arguments).
    const child = registerProcess(
      spawn(process.execPath, args, {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, SPARKBENCH_SECRET: this.options.secret },
      }),
    );
    this.executors.set(key, { child, dir, killed: false });
    this.log('INFO', `Asked to launch executor ${key} for ${msg.appId}`);
    child.once('spawn', () => this.report(msg, 'RUNNING', undefined, child.pid));
    child.once('exit', (code, signal) => {
      const entry = this.executors.get(key);
      this.executors.delete(key);
      rmSync(dir, { recursive: true, force: true });
      const exitCode = exitCodeOf(code, signal);
      this.log('INFO', `Executor ${key} finished with state ${entry?.killed ? 'KILLED' : 'EXITED'} message ${exitMessage(exitCode)} exitStatus ${exitCode}`);
      this.report(msg, entry?.killed ? 'KILLED' : 'EXITED', exitCode, child.pid);
    });
  }

  private report(msg: LaunchExecutor, state: ExecutorStateChanged['state'], exitCode: number | undefined, pid: number | undefined): void {
    const update: ExecutorStateChanged = {
      type: 'ExecutorStateChanged',
      appId: msg.appId,
      executorId: msg.executorId,
      state,
      exitCode,
      message: exitCode === undefined ? state : exitMessage(exitCode),
      pid,
    };
    void this.master.send(update).catch(() => undefined);
  }

  private async kill(msg: KillExecutor): Promise<void> {
    const entry = this.executors.get(`${msg.appId}/${msg.executorId}`);
    if (entry === undefined) return;
    entry.killed = true;
    // A paused (SIGSTOPped) executor ignores SIGTERM until it runs again; SIGKILL after a short grace.
    await stopProcess(entry.child, 1000);
  }

  /** "Worker shutting down": kills every executor and waits for them to exit. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.executors.values()].map((e) => stopProcess(e.child, 1000)));
    rmSync(this.options.workDir, { recursive: true, force: true });
  }
}
