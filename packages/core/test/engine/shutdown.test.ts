// stop() leaves nothing behind: no temp directory, no task thread, an event log closed under its final name,
// and a script that stops its session exits on its own.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedCsv, purchasesOf, readEvents, SAMPLE_CSV, startSession, tempDir, wideOf } from './fixtures.js';
import { referenceResult } from './reference.js';

const tmp = tempDir('shutdown');

afterAll(() => tmp.remove());

/** Task threads show up as MessagePort handles that keep the event loop alive. */
function messagePorts(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
}

describe('stop()', () => {
  it('removes the app directory, ends the task threads and closes the event log', async () => {
    const path = await generatedCsv(tmp.path, 5_000, 3);
    const ref = referenceResult(path);
    const logDir = join(tmp.path, 'events');
    const baseline = messagePorts();
    const spark = await startSession('local[2]', logDir, { 'spark.sql.files.maxPartitionBytes': '128k', 'spark.sql.shuffle.partitions': 4 });
    const { appDir, appId } = spark.sparkContext;
    try {
      const df = await readEvents(spark, path);
      // Leave blocks on disk and shuffle files behind for stop() to clean up.
      const purchases = purchasesOf(df).persist('DISK_ONLY');
      expect(await purchases.count()).toBe(ref.purchases);
      expect((await wideOf(df).summarize(5)).count).toBe(ref.wide.size);
      expect(existsSync(appDir)).toBe(true);
      expect(readdirSync(appDir, { recursive: true, encoding: 'utf8' }).some((f) => f.includes('shuffle_'))).toBe(true);
      expect(messagePorts()).toBeGreaterThanOrEqual(baseline + 2);
    } finally {
      await spark.stop();
    }
    expect(existsSync(appDir)).toBe(false);
    expect(messagePorts()).toBe(baseline);
    expect(existsSync(join(logDir, appId))).toBe(true);
    expect(existsSync(join(logDir, `${appId}.inprogress`))).toBe(false);
    // Stopping again is harmless; using the stopped context is a clear error.
    await spark.stop();
    await expect(readEvents(spark, SAMPLE_CSV)).rejects.toThrow('Cannot call methods on a stopped SparkContext.');
  });

  it('lets a script that stops its session exit by itself', async () => {
    const engine = new URL('../../dist/index.js', import.meta.url).href;
    const script = `
      import { SparkSession, col } from ${JSON.stringify(engine)};
      const spark = await SparkSession.builder().master('local[2]').config('spark.local.dir', ${JSON.stringify(tmp.path)}).getOrCreate();
      const df = await spark.read.option('header', 'true').option('inferSchema', 'true').csv(${JSON.stringify(SAMPLE_CSV)});
      const n = await df.filter(col('event_type').eq('purchase')).count();
      await spark.stop();
      console.log(JSON.stringify({ n, appDir: spark.sparkContext.appDir }));
    `;
    const file = join(tmp.path, 'script.mjs');
    writeFileSync(file, script);
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      // Nothing but the process's own exit ends this wait (the test's timeout guards against a hang).
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      expect({ code, signal, err }).toEqual({ code: 0, signal: null, err: '' });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const result = JSON.parse(out.trim()) as { n: number; appDir: string };
    expect(result.n).toBe(referenceResult(SAMPLE_CSV).purchases);
    expect(existsSync(result.appDir)).toBe(false);
    expect(result.appDir.startsWith(tmp.path)).toBe(true);
  });
});
