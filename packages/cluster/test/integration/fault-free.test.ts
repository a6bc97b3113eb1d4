/**
 * What must hold, 1: without faults a local-cluster gives exactly the answers of local mode — the narrow
 * count, and the wide table's row count and digest — and after stop() nothing of it remains: no master,
 * worker or executor process, no `spark-*` directory in spark.local.dir.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { events } from '@sparkbench/core';
import { eventsCsv, onlyPurchases, processesUnder, readEvents, runApp, runScenarioJob, sparkDirsIn, tempRoot, waitForNoProcesses, type JobAnswer } from './harness.js';

const root = tempRoot('fault-free');
let data: string;

beforeAll(async () => {
  data = await eventsCsv(root.path, 30_000, 11);
});

afterAll(() => root.remove());

/** Runs both jobs of the notebook in one application; returns their answers and the app's event log. */
async function answers(master: string, name: string): Promise<{ narrow: JobAnswer; wide: JobAnswer; model: events.AppModel }> {
  const { value, model } = await runApp(join(root.path, name), master, {}, async (spark) => {
    const purchases = onlyPurchases(await readEvents(spark, data));
    return { narrow: await runScenarioJob('narrow', purchases), wide: await runScenarioJob('wide', purchases) };
  });
  return { ...value, model };
}

describe('fault-free local-cluster', () => {
  it('returns the local[2] answers and leaves no process or temp dir behind', async () => {
    const local = await answers('local[2]', 'local');
    expect(local.narrow.rows).toBeGreaterThan(0);
    expect(local.wide.rows).toBeGreaterThan(0);

    const clusterDir = join(root.path, 'cluster');
    const cluster = await answers('local-cluster[3,1,1024]', 'cluster');
    expect(cluster.narrow).toEqual(local.narrow);
    expect(cluster.wide).toEqual(local.wide);

    // It ran on three executor processes, and no task failed.
    expect(cluster.model.executors.size).toBe(3);
    expect(cluster.model.tasks.filter((t) => t.failed)).toEqual([]);
    expect(cluster.model.stages.every((s) => s.attemptId === 0)).toBe(true);
    // Enough map tasks that faults in the other tests land in the middle of work.
    const mapStage = cluster.model.stages.find((s) => s.stageId === 2);
    expect(mapStage?.numTasks).toBeGreaterThanOrEqual(10);

    // stop() waits for the workers, which wait for their executors: nothing may be left at this point.
    expect(processesUnder(clusterDir)).toEqual([]);
    expect(sparkDirsIn(join(clusterDir, 'local'))).toEqual([]);
    expect(sparkDirsIn(join(root.path, 'local', 'local'))).toEqual([]);
    expect(await waitForNoProcesses(root.path, 0)).toEqual([]);
  });
});
