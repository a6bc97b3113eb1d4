/**
 * What must hold, 4: a task that fails every time exhausts spark.task.maxFailures (4 by default on a
 * cluster) and the job fails with a clear reason: FAILFAST on a file with one malformed line names the
 * file and the line, and says the task failed 4 times. The executors stay up (the failures are the
 * task's, not theirs), and nothing is left behind.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkException } from '@sparkbench/core';
import { eventsCsv, expectNothingLeftIn, onlyPurchases, readEvents, runApp, tempRoot } from './harness.js';

const root = tempRoot('task-failures');
let data: string;
/** 1-based line of the malformed record (the header is line 1). */
const BAD_LINE = 12_345;

beforeAll(async () => {
  const good = await eventsCsv(root.path, 20_000, 3);
  const lines = readFileSync(good, 'utf8').split('\n');
  // Drop the record's last field: 8 fields where the header has 9.
  lines[BAD_LINE - 1] = lines[BAD_LINE - 1].slice(0, lines[BAD_LINE - 1].lastIndexOf(','));
  data = join(root.path, 'events-malformed.csv');
  writeFileSync(data, lines.join('\n'));
});

afterAll(() => root.remove());

async function failFast(name: string, conf: Record<string, string>) {
  const dir = join(root.path, name);
  const { value: error, ms, model, logs } = await runApp(dir, 'local-cluster[3,1,1024]', { conf }, async (spark) => {
    const purchases = onlyPurchases(await readEvents(spark, data, 'FAILFAST'));
    return purchases.count().then(
      () => undefined,
      (err: unknown) => err,
    );
  });
  await expectNothingLeftIn(dir);
  return { error, ms, model, logs };
}

describe('a task that always fails', () => {
  it('fails the job after spark.task.maxFailures (4) attempts, naming the file and line', async () => {
    const { error, ms, model, logs } = await failFast('default', {});
    expect(error, logs.join('\n')).toBeInstanceOf(SparkException);
    const message = (error as Error).message;
    expect(message).toMatch(/^Job aborted due to stage failure: Task \d+ in stage 1\.0 failed 4 times, most recent failure: /);
    expect(message).toContain(`MalformedCsvError: Malformed CSV record in ${data} at line ${BAD_LINE}: expected 9 fields, found 8 (mode FAILFAST)`);
    expect(ms).toBeLessThan(20_000);

    // The event log: one partition, four failed attempts, each with the same reason; the job failed.
    const failed = model.tasks.filter((t) => t.failed);
    expect(new Set(failed.map((t) => t.index)).size).toBe(1);
    expect(failed.map((t) => t.attempt).sort()).toEqual([0, 1, 2, 3]);
    for (const t of failed) {
      expect(t.reason?.kind).toBe('ExceptionFailure');
      if (t.reason?.kind === 'ExceptionFailure') {
        expect(t.reason.className).toBe('MalformedCsvError');
        expect(t.reason.description).toContain(`at line ${BAD_LINE}`);
      }
    }
    const job = model.jobs.find((j) => j.jobId === 1);
    expect(job?.result?.kind).toBe('JobFailed');
    // No executor was lost over it: a task's failure is not its executor's.
    expect([...model.executors.values()].filter((e) => e.removedReason !== undefined && e.removed! < (job?.completionTime ?? 0))).toEqual([]);
  });

  it('honours spark.task.maxFailures', async () => {
    const { error, model } = await failFast('max-2', { 'spark.task.maxFailures': '2' });
    expect(error).toBeInstanceOf(SparkException);
    expect((error as Error).message).toContain('failed 2 times');
    expect((error as Error).message).toContain(`at line ${BAD_LINE}`);
    expect(model.tasks.filter((t) => t.failed)).toHaveLength(2);
  });
});
