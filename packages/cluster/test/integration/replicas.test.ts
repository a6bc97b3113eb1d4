/**
 * What must hold, 3: replicated cache levels survive the loss of an executor without recomputing from
 * lineage. The narrow count runs once to fill the cache; then an executor holding cached blocks is killed
 * (SIGTERM between the jobs, or by a fault during the second count), and the second count must read every
 * partition from a surviving copy: every task's input is a cache hit (the cache accumulables), none reads
 * the file, and the driver never finds a block with no replica left. With MEMORY_ONLY the lost blocks have no other copy: exactly those partitions are
 * recomputed from the file. Either way the count is the same.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFaultInjector, parseFaultSpec, type StandaloneBackend } from '../../src/index.js';
import type { SparkSession } from '@sparkbench/core';
import { cacheHits, eventsCsv, expectNothingLeftIn, fileInputBytes, onlyPurchases, readEvents, runApp, tempRoot, waitUntil } from './harness.js';

const root = tempRoot('replicas');
let data: string;

beforeAll(async () => {
  data = await eventsCsv(root.path, 30_000, 23);
});

afterAll(() => root.remove());

/** Block id → executors holding a copy, from the driver's block-location map. */
function blockLocations(spark: SparkSession, blockIds: Iterable<string>): Map<string, string[]> {
  return new Map([...blockIds].map((id) => [id, spark.sparkContext.blockManagerMaster.locations(id).sort()]));
}

/** `rdd_3_7` → 7. */
function partitionOf(blockId: string): number {
  return Number(blockId.split('_')[2]);
}

/** The executor holding the most blocks (ties to the lowest id): killing it loses the most cache. */
function busiestHolder(locations: Map<string, string[]>): string {
  const held = new Map<string, number>();
  for (const execs of locations.values()) for (const e of execs) held.set(e, (held.get(e) ?? 0) + 1);
  return [...held].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0][0];
}

type KillWhen = 'between-jobs' | 'during-second-count';

async function cacheThenLose(level: string, when: KillWhen, name: string) {
  const dir = join(root.path, name);
  const { value, logs, model } = await runApp(dir, 'local-cluster[3,1,1024]', {}, async (spark) => {
    const sc = spark.sparkContext;
    const blockIds = new Set<string>();
    sc.addListener({ blockUpdated: (_executor, _host, block) => void blockIds.add(block.blockId) });
    const purchases = onlyPurchases(await readEvents(spark, data)).persist(level);
    const first = await purchases.count();
    const before = blockLocations(spark, blockIds);
    const backend = sc.backend as StandaloneBackend;
    let second: number;
    let victim: string;
    if (when === 'between-jobs') {
      const target = busiestHolder(before);
      const proc = backend.executorProcesses().find((e) => e.executorId === target)!;
      process.kill(proc.pid, 'SIGTERM');
      await waitUntil(`the driver to notice executor ${target} is gone`, () => !sc.taskScheduler.hasExecutor(target));
      victim = target;
      second = await purchases.count();
    } else {
      const injector = attachFaultInjector(sc, [parseFaultSpec('kill-executor@30%')]);
      try {
        second = await purchases.count();
      } finally {
        injector.stop();
      }
      victim = injector.fired()[0]?.targetExecutorId ?? 'none';
    }
    return { counts: [first, second], before, victim };
  });
  // Jobs: 0 infers the schema, 1 fills the cache, 2 is the second count.
  const secondJob = model.jobs[2];
  const secondTasks = model.tasks.filter((t) => secondJob.stageIds.includes(t.stageId) && t.reason?.kind === 'Success');
  await expectNothingLeftIn(dir);
  return { ...value, logs, model, secondTasks };
}

describe('cached blocks and a lost executor', () => {
  for (const [level, when] of [
    ['MEMORY_AND_DISK_2', 'between-jobs'],
    ['MEMORY_ONLY_2', 'between-jobs'],
    ['MEMORY_AND_DISK_2', 'during-second-count'],
  ] as const) {
    it(`${level}, executor killed ${when.replace(/-/g, ' ')}: every partition is read from a surviving replica`, async () => {
      const r = await cacheThenLose(level, when, `${level}-${when}`);
      const context = r.logs.join('\n');
      expect(r.counts[1], context).toBe(r.counts[0]);
      // Every partition was cached, twice, on two different executors.
      expect(r.before.size).toBeGreaterThanOrEqual(10);
      for (const [block, execs] of r.before) expect(execs, block).toHaveLength(2);
      const lost = [...r.before].filter(([, execs]) => execs.includes(r.victim)).map(([id]) => id);
      expect(lost.length, `executor ${r.victim} held no cached block`).toBeGreaterThan(0);

      // The driver never lost the last copy of a block ...
      expect(r.logs.filter((l) => l.includes('No more replicas'))).toEqual([]);
      expect(r.logs.some((l) => l.includes(`Lost executor ${r.victim}`)), context).toBe(true);
      // ... and the second count read nothing from the file: every partition came from the cache, the
      // victim's from their other copy (read where it lives, or fetched from there).
      const partitions = new Set(r.secondTasks.map((t) => t.index));
      expect(partitions.size).toBe(r.before.size);
      expect(r.secondTasks.filter((t) => fileInputBytes(t) > 0).map((t) => t.index)).toEqual([]);
      for (const t of r.secondTasks) {
        const hits = cacheHits(t);
        expect(hits.local + hits.remote, `partition ${t.index} did not come from the cache`).toBe(1);
      }
      if (when === 'between-jobs') {
        // The victim was gone before the job began, so its partitions were read from their replicas.
        const victimPartitions = new Set(lost.map(partitionOf));
        const fromReplica = r.secondTasks.filter((t) => victimPartitions.has(t.index));
        expect(fromReplica.length).toBe(victimPartitions.size);
        expect(fromReplica.filter((t) => t.executorId === r.victim)).toEqual([]);
      } else {
        // Its tasks in flight were lost with it and ran again elsewhere, from the cache too (checked above).
        expect(r.model.tasks.some((t) => t.executorId === r.victim && t.reason?.kind === 'ExecutorLostFailure'), context).toBe(true);
      }
    });
  }

  it('MEMORY_ONLY, executor killed between jobs: exactly the lost partitions are recomputed, same count', async () => {
    const r = await cacheThenLose('MEMORY_ONLY', 'between-jobs', 'MEMORY_ONLY');
    const context = r.logs.join('\n');
    expect(r.counts[1], context).toBe(r.counts[0]);
    for (const execs of r.before.values()) expect(execs).toHaveLength(1);
    const lost = [...r.before].filter(([, execs]) => execs.includes(r.victim)).map(([id]) => id).sort();
    expect(lost.length).toBeGreaterThan(0);

    // The driver saw each of the victim's blocks lose its last copy (Spark's WARN line) ...
    const noReplicas = r.logs.flatMap((l) => /No more replicas available for (rdd_\d+_\d+) !/.exec(l)?.[1] ?? []).sort();
    expect(noReplicas).toEqual(lost);
    // ... and the second count recomputed exactly those partitions from the file; the rest came from the cache.
    const recomputed = r.secondTasks.filter((t) => fileInputBytes(t) > 0).map((t) => t.index).sort((a, b) => a - b);
    expect(recomputed).toEqual(lost.map(partitionOf).sort((a, b) => a - b));
    const cached = r.secondTasks.filter((t) => cacheHits(t).local + cacheHits(t).remote === 1).length;
    expect(cached).toBe(r.before.size - lost.length);
  });
});
