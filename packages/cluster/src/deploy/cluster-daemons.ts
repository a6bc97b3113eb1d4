import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect } from '../rpc/index.js';
import { ClusterStartError, MASTER_MAIN, WORKER_MAIN, type ClusterShape } from './local-cluster.js';
import type { MasterState } from './messages.js';

/** What `sparkbench cluster start` leaves for `stop`, `status` and `run --master spark://...`. */
export interface ClusterRecord {
  readonly host: string;
  readonly port: number;
  readonly masterPid: number;
  readonly workerPids: number[];
  readonly secret: string;
  readonly dir: string;
}

function recordFile(stateDir: string): string {
  return join(stateDir, 'cluster.json');
}

export function readClusterRecord(stateDir: string): ClusterRecord | undefined {
  const file = recordFile(stateDir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterRecord;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a detached daemon and reads its first announcement line from stdout. */
function startDetached(main: string, args: object, secret: string, logFile: string, what: string, timeoutMs: number): Promise<{ pid: number; event: Record<string, unknown> }> {
  const err = openSync(logFile, 'a');
  const child = spawn(process.execPath, [main, JSON.stringify({ ...args, logFile })], {
    detached: true,
    stdio: ['ignore', 'pipe', err],
    env: { ...process.env, SPARKBENCH_SECRET: secret },
  });
  closeSync(err);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ClusterStartError(`${what} did not start within ${timeoutMs / 1000} s (log: ${logFile})`));
    }, timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      child.stdout?.destroy();
      child.unref();
      const event = JSON.parse(line) as Record<string, unknown>;
      if (event.event === 'error') reject(new ClusterStartError(`${what} could not start: ${String(event.message)}`));
      else resolve({ pid: child.pid!, event });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new ClusterStartError(`${what} exited with code ${code} while starting (log: ${logFile})`));
    });
  });
}

/** `sparkbench cluster start`: a master and W workers that outlive this command, until `cluster stop`. */
export async function startCluster(stateDir: string, shape: ClusterShape, host = '127.0.0.1', port = 7077): Promise<ClusterRecord> {
  const existing = readClusterRecord(stateDir);
  if (existing !== undefined && alive(existing.masterPid)) {
    throw new ClusterStartError(`a cluster is already running at spark://${existing.host}:${existing.port} (run sparkbench cluster stop first)`);
  }
  const dir = join(stateDir, 'run');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const secret = randomBytes(24).toString('hex');
  const master = await startDetached(MASTER_MAIN, { host, port }, secret, join(dir, 'logs', 'master.log'), 'The master', 10_000);
  const masterPort = Number(master.event.port);
  const workerPids: number[] = [];
  try {
    for (let i = 0; i < shape.workers; i++) {
      const w = await startDetached(
        WORKER_MAIN,
        { masterHost: host, masterPort, host, cores: shape.coresPerWorker, memoryMb: shape.memoryPerWorkerMb, workDir: join(dir, `worker-${i}`) },
        secret,
        join(dir, 'logs', `worker-${i}.log`),
        `Worker ${i}`,
        10_000,
      );
      workerPids.push(w.pid);
    }
  } catch (err) {
    for (const pid of [...workerPids, master.pid]) if (alive(pid)) process.kill(pid, 'SIGTERM');
    throw err;
  }
  const record: ClusterRecord = { host, port: masterPort, masterPid: master.pid, workerPids, secret, dir };
  writeFileSync(recordFile(stateDir), JSON.stringify(record, null, 2), { mode: 0o600 });
  return record;
}

/** `sparkbench cluster stop`: workers first (their executors go with them), then the master. */
export async function stopCluster(stateDir: string): Promise<ClusterRecord | undefined> {
  const record = readClusterRecord(stateDir);
  if (record === undefined) return undefined;
  const pids = [...record.workerPids, record.masterPid];
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(record.dir, { recursive: true, force: true });
  rmSync(recordFile(stateDir), { force: true });
  return record;
}

/** `sparkbench cluster status`: the master's view of workers and applications. */
export async function clusterStatus(stateDir: string): Promise<{ record: ClusterRecord; state: MasterState } | undefined> {
  const record = readClusterRecord(stateDir);
  if (record === undefined || !alive(record.masterPid)) return undefined;
  const conn = await connect({ host: record.host, port: record.port, secret: record.secret, name: 'status', timeoutMs: 5000 });
  try {
    return { record, state: await conn.ask<MasterState>({ type: 'MasterState' }, 5000) };
  } finally {
    await conn.close();
  }
}
