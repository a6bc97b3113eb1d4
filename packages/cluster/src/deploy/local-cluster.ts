import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { distFile } from '@sparkbench/core';
import { registerProcess, stopProcess } from './process-registry.js';

export interface ClusterShape {
  readonly workers: number;
  readonly coresPerWorker: number;
  readonly memoryPerWorkerMb: number;
}

/** Could not start a master or a worker: the message says which and why. */
export class ClusterStartError extends Error {
  override readonly name = 'ClusterStartError';
}

export const MASTER_MAIN = distFile(new URL('./master-main.js', import.meta.url));
export const WORKER_MAIN = distFile(new URL('./worker-main.js', import.meta.url));

/** `local-cluster[W,C,M]` → its shape; null when the URL is not one. */
export function parseLocalCluster(master: string): ClusterShape | null {
  const m = /^local-cluster\[\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\]$/.exec(master);
  if (m === null) return null;
  return { workers: Number(m[1]), coresPerWorker: Number(m[2]), memoryPerWorkerMb: Number(m[3]) };
}

interface Announcement {
  readonly event: string;
  readonly port?: number;
  readonly message?: string;
  readonly workerId?: string;
}

/** Starts a process and waits for its first announcement (over IPC), failing fast with its reason. */
function startDaemon(main: string, args: object, secret: string, what: string, timeoutMs: number): Promise<{ child: ChildProcess; first: Announcement }> {
  const child = registerProcess(
    spawn(process.execPath, [main, JSON.stringify(args)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, SPARKBENCH_SECRET: secret },
    }),
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8000);
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const reason = reasonLine(stderr);
      reject(new ClusterStartError(`${what} could not start: ${why}${reason !== undefined ? ` (${reason})` : ''}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    child.once('message', (msg: Announcement) => {
      if (msg.event === 'error') return fail(msg.message ?? 'unknown error');
      clearTimeout(timer);
      resolve({ child, first: msg });
    });
    // 'close', not 'exit': its stderr (the reason) may still be arriving when the process has exited.
    child.once('close', (code, signal) => fail(`it exited with ${code ?? signal}`));
  });
}

/**
 * The line of a failed process's stderr that says why. A crash ends with a stack and Node's version
 * banner ("Node.js v20.20.2"); the error line ("SyntaxError: ...") is the one worth showing.
 */
function reasonLine(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^Node\.js v\d/.test(l));
  return lines.find((l) => /^([A-Z]\w*)?Error\b/.test(l)) ?? lines[lines.length - 1];
}

/**
 * A standalone cluster on this machine for one run (Spark's LocalSparkCluster): one master and W worker
 * processes, all stopped again by stop() — or by the process registry if this process dies first.
 */
export class LocalCluster {
  private constructor(
    readonly host: string,
    readonly masterPort: number,
    private readonly master: ChildProcess,
    private readonly workers: ChildProcess[],
  ) {}

  static async start(shape: ClusterShape, dir: string, secret: string, host = '127.0.0.1', timeoutMs = 15_000): Promise<LocalCluster> {
    const logs = join(dir, 'logs');
    mkdirSync(logs, { recursive: true });
    const master = await startDaemon(MASTER_MAIN, { host, port: 0, logFile: join(logs, 'master.log') }, secret, 'The master', timeoutMs);
    const port = master.first.port!;
    const workers: ChildProcess[] = [];
    try {
      const started = await Promise.all(
        Array.from({ length: shape.workers }, (_, i) =>
          startDaemon(
            WORKER_MAIN,
            {
              masterHost: host,
              masterPort: port,
              host,
              cores: shape.coresPerWorker,
              memoryMb: shape.memoryPerWorkerMb,
              workDir: join(dir, `worker-${i}`),
              logFile: join(logs, `worker-${i}.log`),
            },
            secret,
            `Worker ${i}`,
            timeoutMs,
          ),
        ),
      );
      for (const w of started) workers.push(w.child);
    } catch (err) {
      await stopProcess(master.child, 1000);
      throw err;
    }
    return new LocalCluster(host, port, master.child, workers);
  }

  get masterUrl(): string {
    return `spark://${this.host}:${this.masterPort}`;
  }

  workerPids(): number[] {
    return this.workers.map((w) => w.pid ?? -1);
  }

  /** Workers first (they stop their executors), then the master. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => stopProcess(w, 3000)));
    await stopProcess(this.master, 3000);
  }
}
