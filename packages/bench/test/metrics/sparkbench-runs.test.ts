// runMetrics on event logs of real sparkbench runs: a 3-worker local cluster per run, and faults sent
// as real signals. The runs are made once, up front (~15 s).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_ACCUMULABLES, events } from '@sparkbench/core';
import { generateEventsFile } from '@sparkbench/datasets';
import { runMetrics, type RunMetrics } from '../../src/metrics/run-metrics.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const SAMPLE = join(ROOT, 'datasets/sample/events-2000-seed7.csv');
const HAVE_CLI = existsSync(CLI) && existsSync(SAMPLE);
if (!HAVE_CLI) console.warn(`sparkbench CLI not built (${CLI}): skipping the tests that run it.`);

// Small input splits so the 40k-row job has ~21 tasks, and a fault lands mid-job.
const MANY_TASKS = ['--conf', 'spark.sql.files.maxPartitionBytes=262144', '--conf', 'spark.sql.shuffle.partitions=8'];

interface Run {
  readonly log: string;
  readonly metrics: RunMetrics;
  /** The log's lines, parsed, for counts made without the AppModel. */
  readonly lines: Record<string, any>[];
}

async function run(out: string, data: string, args: string[]): Promise<Run> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'run', 'narrow', '--data', data, '--out', out, '--format', 'json', ...args], {
    maxBuffer: 64 << 20,
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { event_log: string };
  const log = result.event_log;
  const lines = readFileSync(log, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  return { log, metrics: runMetrics(await events.loadAppModel(log)), lines };
}

/** TaskEnd events (Resubmitted ones aside) of the stages of the log's last job. */
function lastJobTaskEnds(lines: Record<string, any>[]): Record<string, any>[] {
  const jobs = lines.filter((l) => l.Event === 'SparkListenerJobStart');
  const stages = new Set<number>(jobs[jobs.length - 1]['Stage IDs']);
  return lines.filter((l) => l.Event === 'SparkListenerTaskEnd' && stages.has(l['Stage ID']) && l['Task End Reason'].Reason !== 'Resubmitted');
}

describe.skipIf(!HAVE_CLI)('runMetrics on sparkbench runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sparkbench-metrics-'));
  const big = join(dir, 'events-40000-seed3.csv');
  let clean: Run;
  let killed: Run;
  let replicated: Run;
  let memoryOnly: Run;

  beforeAll(async () => {
    await generateEventsFile(big, { rows: 40000, seed: 3 });
    // One at a time: each run starts a 3-worker cluster, and the machine may have two cores.
    clean = await run(join(dir, 'clean'), SAMPLE, []);
    killed = await run(join(dir, 'killed'), big, [...MANY_TASKS, '--fault', 'kill-executor@50%']);
    // Early in the cache-reading job, so the killed executor still holds cached blocks not yet read.
    replicated = await run(join(dir, 'md2'), big, [...MANY_TASKS, '--storage', 'MEMORY_AND_DISK_2', '--fault', 'kill-executor@10%']);
    memoryOnly = await run(join(dir, 'mo'), big, [...MANY_TASKS, '--storage', 'MEMORY_ONLY', '--fault', 'kill-executor@10%']);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fault-free: no failure, no re-run, no fault figures, the whole file read once', () => {
    const m = clean.metrics;
    expect([m.status, m.tasksFailed, m.tasksRerun, m.failureReasons, m.stageAttempts]).toEqual(['ok', 0, 0, {}, 1]);
    expect([m.faultAtMs, m.detectionMs, m.recoveryMs, m.cachedBlocksLost, m.bytesRecomputed]).toEqual([null, null, null, 0, 0]);
    expect([m.inputRows, m.inputBytes]).toEqual([2000, statSync(SAMPLE).size]);
    expect(m.tasksTotal).toBe(lastJobTaskEnds(clean.lines).length);
    expect(m.jobLatencyMs).toBeGreaterThan(0);
    expect(m.wallMs).toBeGreaterThanOrEqual(m.jobLatencyMs!);
    expect(m.throughputRowsPerS).toBeCloseTo(2000 / (m.jobLatencyMs! / 1000), 6);
    expect(m.peakRssExecutorBytes).toBeGreaterThan(10 << 20);
    // The driver writes its own peak (SparkListenerStageExecutorMetrics) as each stage ends.
    expect(m.peakRssDriverBytes).toBeGreaterThan(10_000_000);
  });

  it('kill-executor: detected within a second, the lost task re-run, each partition’s input counted once', () => {
    const m = killed.metrics;
    expect(m.status).toBe('ok');
    expect(m.faults).toHaveLength(1);
    expect(m.faultAtMs).toBeGreaterThanOrEqual(0);
    expect(m.faultAtMs).toBeLessThanOrEqual(m.jobLatencyMs!);
    expect(m.detectionMs).toBeGreaterThanOrEqual(0);
    expect(m.detectionMs).toBeLessThan(1000);
    expect(m.tasksFailed).toBeGreaterThanOrEqual(1);
    expect(m.failureReasons['ExecutorLostFailure']).toBeGreaterThanOrEqual(1);
    expect(m.tasksRerun).toBeGreaterThanOrEqual(1);
    expect(m.recoveryMs).toBeGreaterThanOrEqual(m.detectionMs!);
    expect(m.recoveryMs).toBeLessThanOrEqual(m.jobLatencyMs! - m.faultAtMs!);
    // The re-run read its split again, but the job's input is still the file, once.
    expect([m.inputRows, m.inputBytes]).toEqual([40000, statSync(big).size]);
    const ends = lastJobTaskEnds(killed.lines);
    expect(m.tasksTotal).toBe(ends.length);
    expect(m.tasksFailed).toBe(ends.filter((l) => l['Task End Reason'].Reason !== 'Success').length);
  });

  it('MEMORY_AND_DISK_2 with a kill: lost blocks are read from their replicas, not recomputed', () => {
    const m = replicated.metrics;
    expect(m.status).toBe('ok');
    expect(m.detectionMs).not.toBeNull();
    expect(m.blocksFromReplica > 0 || m.partitionsRecomputed === 0).toBe(true);
    // Every block had a second copy on another executor: one executor's loss destroys none, and
    // the killed executor's unread blocks (the kill came at 10% of the job) were served by replicas.
    expect(m.cachedBlocksLost).toBe(0);
    expect(m.partitionsRecomputed).toBe(0);
    expect(m.blocksFromReplica).toBeGreaterThan(0);
    expect(m.cacheLocalHits + m.cacheRemoteHits).toBeGreaterThanOrEqual(m.blocksFromReplica);
    expect(m.bytesRecomputed).toBe(0);
  });

  it('MEMORY_ONLY with a kill: the killed executor’s unread blocks are recomputed from lineage', () => {
    const m = memoryOnly.metrics;
    expect(m.status).toBe('ok');
    const misses = lastJobTaskEnds(memoryOnly.lines)
      .flatMap((l) => l['Task Info'].Accumulables as { Name: string; Update: number }[])
      .filter((a) => a.Name === CACHE_ACCUMULABLES.misses)
      .reduce((s, a) => s + Number(a.Update), 0);
    expect(m.partitionsRecomputed).toBe(misses);
    expect(m.cachedBlocksLost).toBeGreaterThan(0);
    expect(m.partitionsRecomputed).toBeGreaterThan(0);
    // Only lost blocks can be missing; some may have been read before the kill.
    expect(m.partitionsRecomputed).toBeLessThanOrEqual(m.cachedBlocksLost);
    expect(m.blocksFromReplica).toBe(0);
    expect(m.bytesRecomputed).toBeGreaterThan(0);
    expect(m.recoveryMs).toBeGreaterThanOrEqual(m.detectionMs!);
    // What stays cached: the surviving executors' blocks plus the recomputed ones.
    expect(m.cacheMemBytes).toBeGreaterThan(0);
  });
});
