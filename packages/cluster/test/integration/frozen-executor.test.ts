/**
 * What must hold, 2 (the pause case, shown step by step): an executor frozen with SIGSTOP keeps its
 * sockets open, so only its missing heartbeats give it away. With spark.network.timeout 1500ms it is
 * declared lost within about that long, its tasks end as ExecutorLostFailure and run elsewhere, the
 * master replaces it, and whatever it sends after waking up is ignored: the job returns the fault-free
 * answer and no task of the frozen executor succeeds after its loss.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsCsv, expectNothingLeftIn, faultFreeAnswer, onlyPurchases, readEvents, runApp, runScenarioJob, tempRoot, type JobAnswer } from './harness.js';

const root = tempRoot('frozen-executor');
let data: string;
let expected: JobAnswer;

beforeAll(async () => {
  data = await eventsCsv(root.path, 30_000, 31);
  expected = await faultFreeAnswer(join(root.path, 'local'), data, 'wide');
});

afterAll(() => root.remove());

describe('a frozen executor', () => {
  // 2 s: past the 1.5 s timeout, so it is declared lost, and woken before the worker's SIGKILL
  // (1 s after the SIGTERM it cannot act on while stopped) so it may still try to report results.
  for (const pause of ['2000ms', '4s']) {
    it(`paused ${pause} during the map stage: declared lost on missed heartbeats, its late results ignored, same answer`, async () => {
      const dir = join(root.path, `pause-${pause}`);
      const { value: answer, logs, model, ms: elapsed } = await runApp(
        dir,
        'local-cluster[3,1,1024]',
        { conf: { 'spark.network.timeout': '1500ms', 'spark.executor.heartbeatInterval': '200ms' }, fault: `pause-executor:for=${pause}@stage=1:25%` },
        async (spark) => runScenarioJob('wide', onlyPurchases(await readEvents(spark, data))),
      );
      const context = logs.join('\n');
      expect(answer, context).toEqual(expected);

      expect(model.faults).toHaveLength(1);
      const fault = model.faults[0];
      const frozen = model.executors.get(fault.targetExecutorId)!;
      expect(frozen.removedReason, context).toMatch(/^Executor heartbeat timed out after \d+ ms$/);
      // Noticed once the timeout passed since its last heartbeat (up to 200 ms before the SIGSTOP), and
      // not much later: the check runs every 100 ms.
      const noticedAfter = frozen.removed! - fault.time;
      expect(noticedAfter, context).toBeGreaterThanOrEqual(1500 - 200 - 50);
      expect(noticedAfter, context).toBeLessThan(3500);

      const itsTasks = model.tasks.filter((t) => t.executorId === frozen.executorId);
      const lostWithIt = itsTasks.filter((t) => t.reason?.kind === 'ExecutorLostFailure');
      expect(lostWithIt.length, context).toBeGreaterThan(0);
      // Nothing it finished after being declared lost counts.
      expect(itsTasks.filter((t) => t.reason?.kind === 'Success' && t.finishTime! > frozen.removed!)).toEqual([]);
      // The job did not wait for the executor to wake up.
      expect(elapsed).toBeLessThan(15_000);

      await expectNothingLeftIn(dir);
    });
  }
});
