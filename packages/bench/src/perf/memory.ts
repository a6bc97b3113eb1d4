import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MEMORY_RATIO_TARGET } from './targets.js';

/** What the forked probe measured (bytes). */
export interface MemoryProbeResult {
  readonly purchases: number;
  readonly sessionGroups: number;
  /** The cached purchases' memory size, as the block manager master reports it (Spark's Storage tab). */
  readonly cachedBytes: number;
  readonly cachedDiskBytes: number;
  readonly cachedPartitions: number;
  readonly partitions: number;
  /** RSS of a bare Node process, before any engine code ran. */
  readonly rssAtStart: number;
  /** RSS once the session (driver + 2 worker threads) is up. */
  readonly rssSessionStarted: number;
  /** Peak RSS after reading the CSV with inferSchema (a full scan), before anything was cached. */
  readonly peakRssAfterRead: number;
  /** Peak RSS of the whole process: read, fill the cache, wide and narrow jobs from the cache. */
  readonly peakRss: number;
}

export interface MemoryCheck extends MemoryProbeResult {
  /** peakRss / cachedBytes. */
  readonly ratio: number;
  /** (peakRss − rssSessionStarted) / cachedBytes: the same with the fixed cost of Node and the threads taken out. */
  readonly ratioAboveSession: number;
  readonly target: number;
  readonly pass: boolean;
}

/** Runs the memory probe in a child process of its own (see memory-probe.ts for why). */
export function runMemoryCheck(csvPath: string): Promise<MemoryCheck> {
  const entry = fileURLToPath(new URL('./memory-probe.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [csvPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (msg: { ok: true; result: MemoryProbeResult } | { ok: false; error: string }) => {
      settled = true;
      if (!msg.ok) return reject(new Error(`memory probe failed:\n${msg.error}`));
      const r = msg.result;
      const ratio = r.peakRss / r.cachedBytes;
      resolve({ ...r, ratio, ratioAboveSession: (r.peakRss - r.rssSessionStarted) / r.cachedBytes, target: MEMORY_RATIO_TARGET, pass: ratio <= MEMORY_RATIO_TARGET });
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`memory probe exited with code ${code} before reporting`));
    });
  });
}
