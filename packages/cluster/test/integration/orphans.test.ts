/**
 * What must hold, 7: no orphans after a crash. A driver killed outright (SIGKILL: no shutdown hook runs)
 * in the middle of a job takes its master, workers and executors with it within seconds — they watch
 * their parent and their connections — even when one executor is frozen (SIGSTOP) at that moment. Ctrl-C
 * (SIGINT) of `sparkbench run` leaves nothing either: no process, and no temp dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, eventsCsv, processesUnder, sparkDirsIn, tempRoot, waitForNoProcesses, WORKSPACE } from './harness.js';

const CRASH_DRIVER = fileURLToPath(new URL('./crash-driver.mjs', import.meta.url));
const root = tempRoot('orphans');
let data: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  data = await eventsCsv(root.path, 40_000, 13);
});

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

afterAll(() => root.remove());

interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

function start(args: string[]): Started {
  const child = spawn(process.execPath, args, { cwd: WORKSPACE, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stderr: () => stderr };
}

/** Resolves with the first line on `stream` that `matches`; rejects if the process exits or time runs out. */
function firstLine(s: Started, stream: 'stdout' | 'stderr', matches: (line: string) => boolean, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: s.child[stream]! });
    const timer = setTimeout(() => reject(new Error(`no matching line on ${stream} within ${timeoutMs} ms; stderr:\n${s.stderr()}`)), timeoutMs);
    lines.on('line', (line) => {
      if (!matches(line)) return;
      clearTimeout(timer);
      lines.close();
      resolve(line);
    });
    void s.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before the line came; stderr:\n${s.stderr()}`));
    });
  });
}

/** What a dead driver leaves in its spark.local.dir: app dirs and every file in them. */
function leftovers(localDir: string): string[] {
  if (!existsSync(localDir)) return [];
  return readdirSync(localDir, { recursive: true }).map(String).sort();
}

describe('a driver killed mid-job', () => {
  for (const [name, fault] of [
    ['while its tasks run', undefined],
    ['while one executor is frozen by SIGSTOP', 'pause-executor:for=60s@10%'],
  ] as const) {
    it(`SIGKILL ${name}: its master, workers and executors are gone within seconds`, async () => {
      const localDir = join(root.path, `sigkill-${fault === undefined ? 'running' : 'paused'}`);
      const driver = start([CRASH_DRIVER, JSON.stringify({ data, localDir, ...(fault !== undefined && { fault }) })]);
      const running = JSON.parse(await firstLine(driver, 'stdout', (l) => l.startsWith('{'))) as { executors: { pid: number }[] };
      expect(running.executors).toHaveLength(3);
      // 1 driver + 1 master + 3 workers + 3 executors, all found by their paths under localDir.
      expect(processesUnder(localDir)).toHaveLength(8);
      if (fault !== undefined) expect(processesUnder(localDir).filter((p) => p.stat.startsWith('T'))).toHaveLength(1);

      const killedAt = Date.now();
      driver.child.kill('SIGKILL');
      expect((await driver.exited).signal).toBe('SIGKILL');
      const left = await waitForNoProcesses(localDir, 5000);
      expect(left).toEqual([]);
      expect(Date.now() - killedAt).toBeLessThan(5000);
      // No shutdown hook ran in the driver, so its app dir stays with the daemons' logs; the workers
      // removed their work dirs (executor dirs, blocks, shuffle files) as they shut down.
      expect(leftovers(localDir).filter((f) => !/^spark-[^/]+(\/logs(\/[^/]+)?)?$/.test(f))).toEqual([]);
    });
  }

  it('SIGTERM: shutdown hooks stop the cluster and remove the temp dir', async () => {
    const localDir = join(root.path, 'sigterm');
    const driver = start([CRASH_DRIVER, JSON.stringify({ data, localDir })]);
    await firstLine(driver, 'stdout', (l) => l.startsWith('{'));
    driver.child.kill('SIGTERM');
    expect((await driver.exited).code).toBe(143);
    expect(await waitForNoProcesses(localDir, 5000)).toEqual([]);
    expect(sparkDirsIn(localDir)).toEqual([]);
  });
});

describe('Ctrl-C of sparkbench run', () => {
  for (const [name, extra, ready] of [
    ['while the count runs', [] as string[], (l: string) => l.includes('INFO DAGScheduler: Got job 1 ')],
    ['while an executor is paused', ['--fault', 'pause-executor:for=60s@10%'], (l: string) => l.includes('WARN FaultInjector: injected pause-executor')],
  ] as const) {
    it(`SIGINT ${name}: exit 130, no process, no temp dir`, async () => {
      const dir = join(root.path, `cli-${extra.length === 0 ? 'running' : 'paused'}`);
      const localDir = join(dir, 'local');
      const cli = start([
        CLI_BIN,
        'run',
        'narrow',
        '--data',
        data,
        '--out',
        join(dir, 'out'),
        '--conf',
        `spark.local.dir=${localDir}`,
        '--conf',
        'spark.log.level=INFO',
        '--conf',
        `spark.sql.files.maxPartitionBytes=${64 * 1024}`,
        ...extra,
      ]);
      await firstLine(cli, 'stderr', ready);
      expect(processesUnder(localDir).length).toBeGreaterThanOrEqual(8);
      cli.child.kill('SIGINT');
      const exit = await cli.exited;
      expect(exit.code, cli.stderr()).toBe(130);
      expect(await waitForNoProcesses(localDir, 5000)).toEqual([]);
      expect(sparkDirsIn(localDir)).toEqual([]);
    });
  }
});
