/**
 * What must hold, 6: a cluster that cannot start says why, within seconds, and leaves nothing behind —
 * too little memory per worker, no master at the address, a secret the master does not share.
 */
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterStartError, LocalCluster } from '../../src/index.js';
import { sparkDirsIn, startSession, tempRoot, waitForNoProcesses } from './harness.js';

const root = tempRoot('start-errors');

afterAll(() => root.remove());

/** Starts a session that must fail; returns the error and how long it took to say so. */
async function failedStart(master: string, name: string, conf: Record<string, string> = {}): Promise<{ error: Error; ms: number; localDir: string }> {
  const localDir = join(root.path, name);
  const started = Date.now();
  try {
    const spark = await startSession(master, { 'spark.local.dir': localDir, ...conf });
    await spark.stop();
  } catch (err) {
    return { error: err as Error, ms: Date.now() - started, localDir };
  }
  throw new Error(`${master} started, but should have failed`);
}

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('clear start-up errors', () => {
  it('local-cluster[3,1,100] with the default spark.executor.memory (1g): ClusterStartError about memory', async () => {
    const { error, ms, localDir } = await failedStart('local-cluster[3,1,100]', 'memory');
    expect(error).toBeInstanceOf(ClusterStartError);
    expect(error.message).toMatch(/100 MiB.*worker.*1024 MiB/);
    expect(error.message).toContain('spark.executor.memory');
    expect(ms).toBeLessThan(3000);
    expect(sparkDirsIn(localDir)).toEqual([]);
    expect(await waitForNoProcesses(localDir, 2000)).toEqual([]);
  });

  it('an executor memory the executor would refuse (below 450 MiB): ClusterStartError, not a 30 s wait', async () => {
    const { error, ms, localDir } = await failedStart('local-cluster[1,1,256]', 'small-executor', { 'spark.executor.memory': '256m' });
    expect(error).toBeInstanceOf(ClusterStartError);
    expect(error.message).toContain('spark.executor.memory');
    expect(ms).toBeLessThan(3000);
    expect(sparkDirsIn(localDir)).toEqual([]);
    expect(await waitForNoProcesses(localDir, 2000)).toEqual([]);
  });

  it('spark://127.0.0.1:<closed port>: "Could not connect to the master"', async () => {
    const port = await closedPort();
    const { error, ms, localDir } = await failedStart(`spark://127.0.0.1:${port}`, 'closed-port');
    expect(error).toBeInstanceOf(ClusterStartError);
    expect(error.message).toContain(`Could not connect to the master at spark://127.0.0.1:${port}`);
    expect(error.message).toContain('connection refused');
    expect(ms).toBeLessThan(3000);
    expect(sparkDirsIn(localDir)).toEqual([]);
  });

  it('a secret that differs from the running cluster\'s: refused, saying the secret is wrong', async () => {
    const clusterDir = join(root.path, 'cluster');
    const cluster = await LocalCluster.start({ workers: 1, coresPerWorker: 1, memoryPerWorkerMb: 1024 }, clusterDir, randomBytes(16).toString('hex'));
    try {
      for (const [name, conf] of [
        ['wrong-secret', { 'spark.authenticate.secret': 'not-the-cluster-secret' }],
        // No secret at all: the driver makes up its own, which the master cannot share either.
        ['no-secret', {}],
      ] as const) {
        const { error, ms, localDir } = await failedStart(cluster.masterUrl, name, conf);
        expect(error).toBeInstanceOf(ClusterStartError);
        expect(error.message).toContain(`Could not connect to the master at ${cluster.masterUrl}`);
        expect(error.message).toContain('Authentication failed: wrong secret (spark.authenticate.secret)');
        expect(ms).toBeLessThan(3000);
        expect(sparkDirsIn(localDir)).toEqual([]);
      }
    } finally {
      await cluster.stop();
    }
    expect(await waitForNoProcesses(clusterDir, 2000)).toEqual([]);
  });
});
