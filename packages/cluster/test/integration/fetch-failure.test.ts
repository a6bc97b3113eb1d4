/**
 * What must hold, 5: losing an executor while the reduce stage runs loses the map output it held. Reduce
 * tasks that need it fail with FetchFailed (or the scheduler notices first and resubmits), the map stage
 * runs a second attempt with only the partitions whose output was lost, and the job returns the
 * fault-free answer.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsCsv, expectNothingLeftIn, faultFreeAnswer, onlyPurchases, readEvents, runApp, runScenarioJob, tempRoot, type JobAnswer } from './harness.js';

const root = tempRoot('fetch-failure');
let data: string;
let expected: JobAnswer;

/** Job 0 infers the schema (stage 0); the wide job is job 1: map stage 1, reduce stage 2. */
const MAP_STAGE = 1;
const REDUCE_STAGE = 2;

beforeAll(async () => {
  data = await eventsCsv(root.path, 30_000, 29);
  expected = await faultFreeAnswer(join(root.path, 'local'), data, 'wide');
});

afterAll(() => root.remove());

describe('fetch failure recovery', () => {
  for (const signal of ['TERM', 'KILL'] as const) {
    it(`executor SIG${signal}ed at 30% of the reduce stage: map stage re-runs only the lost partitions; same digest`, async () => {
      const dir = join(root.path, `cluster-${signal}`);
      const fault = `kill-executor:signal=${signal}@stage=${REDUCE_STAGE}:30%`;
      const { value: answer, logs, model } = await runApp(dir, 'local-cluster[3,1,1024]', { fault }, async (spark) =>
        runScenarioJob('wide', onlyPurchases(await readEvents(spark, data))),
      );
      const context = logs.join('\n');
      expect(answer, context).toEqual(expected);

      expect(model.faults).toHaveLength(1);
      const victim = model.faults[0].targetExecutorId;
      expect(model.executors.get(victim)?.removedReason).toBe(`Command exited with code ${signal === 'TERM' ? 143 : 137}`);

      // Before the fault the map stage's first attempt finished everywhere; the victim held some outputs.
      const mapTasks = model.tasks.filter((t) => t.stageId === MAP_STAGE);
      const firstAttemptOnVictim = mapTasks.filter((t) => t.stageAttemptId === 0 && t.reason?.kind === 'Success' && t.executorId === victim).map((t) => t.index);
      expect(firstAttemptOnVictim.length, context).toBeGreaterThan(0);

      // The loss shows: a reduce task failed to fetch, or finished map tasks were resubmitted.
      const fetchFailed = model.tasks.filter((t) => t.stageId === REDUCE_STAGE && t.reason?.kind === 'FetchFailed');
      const resubmitted = mapTasks.filter((t) => t.resubmitted);
      expect(fetchFailed.length + resubmitted.length, context).toBeGreaterThan(0);

      // The map stage ran again, and only for the partitions whose output died with the victim.
      const mapAttempts = model.stages.filter((s) => s.stageId === MAP_STAGE);
      expect(mapAttempts.length, context).toBeGreaterThanOrEqual(2);
      const rerun = [...new Set(mapTasks.filter((t) => t.stageAttemptId > 0).map((t) => t.index))].sort((a, b) => a - b);
      expect(rerun, context).toEqual([...new Set(firstAttemptOnVictim)].sort((a, b) => a - b));
      // The reduce stage ran again as well, after the map outputs were back.
      expect(model.stages.filter((s) => s.stageId === REDUCE_STAGE).length).toBeGreaterThanOrEqual(2);
      expect(model.jobs.find((j) => j.jobId === 1)?.result?.kind).toBe('JobSucceeded');

      await expectNothingLeftIn(dir);
    });
  }
});
