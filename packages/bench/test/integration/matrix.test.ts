import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '@sparkbench/core';
import { generateEventsFile } from '@sparkbench/datasets';
import { readResults } from '../../src/report/index.js';
import { RUN_COLUMNS } from '../../src/results/run-record.js';

const CLI = fileURLToPath(new URL('../../../cli/dist/bin.js', import.meta.url));
const SMALL = ['--conf', 'spark.sql.files.maxPartitionBytes=262144', '--conf', 'spark.sql.shuffle.partitions=8'];

function cli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Processes whose command line names this test's directory: none may outlive a run. */
function processesOf(dir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((l) => l.includes(dir) && !l.includes('ps -eo'));
}

describe('sparkbench matrix, end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sparkbench-matrix-'));
  const data = join(dir, 'events.csv');
  const out = join(dir, 'out');
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    await generateEventsFile(data, { rows: 40_000, seed: 5 });
    run = cli([
      'matrix', '--scenarios', 'narrow,wide', '--storage', 'NONE,MEMORY_AND_DISK_2', '--faults', 'none,kill-executor@50%',
      '--reps', '2', '--warmup', '1', '--data', data, '--out', out, '--format', 'csv', ...SMALL,
      '--conf', `spark.local.dir=${join(dir, 'local')}`,
    ]);
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every file, with the documented columns, one row per run and per cell', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    for (const f of ['results.csv', 'summary.csv', 'summary.md', 'env.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const set = readResults(out);
    expect(set.records).toHaveLength(2 * 2 * 2 * 2);
    expect(Object.keys(set.records[0])).toEqual([...RUN_COLUMNS]);
    expect(set.cells).toHaveLength(2 * 2 * 2);
    // One event log per measured run (the warm-up's is not kept).
    expect(readdirSync(join(out, 'events'))).toHaveLength(16);
    const env = set.env as { node_version: string; cores: number; dataset: { path: string; bytes: number } };
    expect(env.node_version).toBe(process.version);
    expect(env.dataset.path).toBe(data);
    expect(env.dataset.bytes).toBeGreaterThan(1_000_000);
    expect(run.stdout).toContain('cell');
  });

  it('gets the fault-free answer in every run, faults included', () => {
    const set = readResults(out);
    for (const r of set.records) {
      expect(r.status, r.run_id).toBe('ok');
      expect(r.digest_matches, r.run_id).toBe(true);
    }
    for (const c of set.cells) expect(c.digests_match, c.cell).toBe(true);
    // The fault fired and was seen: every faulted run has a detection time.
    for (const r of set.records.filter((x) => x.fault !== 'none')) expect(r.detection_ms, r.run_id).not.toBeNull();
  });

  it('has metrics consistent with each run’s event log', async () => {
    const set = readResults(out);
    for (const r of set.records) {
      const model = await events.loadAppModel(r.event_log);
      const job = model.jobs[model.jobs.length - 1];
      expect(r.job_latency_ms, r.run_id).toBe(job.completionTime! - job.submissionTime!);
      const tasks = model.tasks.filter((t) => job.stageIds.includes(t.stageId) && t.launchTime >= job.submissionTime!);
      const failed = tasks.filter((t) => t.reason !== undefined && t.reason.kind !== 'Success');
      expect(r.tasks_failed, r.run_id).toBe(failed.length);
      // Re-runs: a partition's attempts after its first, each one following a failure or a lost output.
      const attempts = new Map<string, number>();
      for (const t of tasks) attempts.set(`${t.stageId}/${t.partitionId}`, (attempts.get(`${t.stageId}/${t.partitionId}`) ?? 0) + 1);
      const reruns = [...attempts.values()].reduce((a, n) => a + n - 1, 0);
      expect(r.tasks_rerun, r.run_id).toBe(reruns);
      if (r.fault === 'none') expect(r.tasks_failed, r.run_id).toBe(0);
      // A `_2` level reads the lost partitions from the surviving replica: nothing is recomputed.
      if (r.storage === 'MEMORY_AND_DISK_2') expect(r.partitions_recomputed, r.run_id).toBe(0);
    }
  });

  it('leaves no process and no temp directory behind', () => {
    expect(processesOf(dir)).toEqual([]);
    expect(existsSync(join(dir, 'local')) ? readdirSync(join(dir, 'local')) : []).toEqual([]);
  });

  it('stops cleanly on Ctrl-C, keeps the finished runs, says how to resume, and --resume finishes the rest', async () => {
    const out2 = join(dir, 'interrupted');
    const args = ['matrix', '--scenarios', 'narrow', '--storage', 'NONE', '--faults', 'none', '--reps', '6', '--warmup', '0', '--data', data, '--out', out2, ...SMALL, '--conf', `spark.local.dir=${join(dir, 'local')}`];
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // Interrupt once two runs are saved.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (/\[3\/6\]/.test(stderr)) {
          clearInterval(timer);
          child.kill('SIGINT');
          resolve();
        }
      }, 50);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain(`--resume ${out2}`);
    const saved = readResults(out2).records;
    expect(saved.length).toBeGreaterThanOrEqual(2);
    expect(saved.length).toBeLessThan(6);
    expect(processesOf(dir)).toEqual([]);
    const resumed = cli([...args.filter((a, i) => a !== '--out' && args[i - 1] !== '--out'), '--resume', out2]);
    expect(resumed.status, resumed.stderr.slice(-2000)).toBe(0);
    const all = readResults(out2).records;
    expect(all.map((r) => r.run_id).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `narrow|NONE|none#${i + 1}`).sort());
    // The runs saved before the interruption are kept as they were, not run again.
    for (const r of saved) expect(all.find((x) => x.run_id === r.run_id)?.app_id).toBe(r.app_id);
  }, 300_000);
});
