// The injector driven by synthetic scheduler events, signalling real child processes.
import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/faults/fault-injector.js';
import { parseFaultSpec } from '../../src/faults/fault-spec.js';
import { FAILURE, NO_SUCH_PID, RecordingHooks, SUCCESS, stage, task, withDefaultSignal } from './scheduler-events.js';
import { procState, reapAll, spawnExecutorLike, spawnSleep, waitUntil, type Victim } from './victims.js';

const injectors: FaultInjector[] = [];

function injector(specs: string[], hooks: RecordingHooks | ReturnType<typeof withDefaultSignal>, clock?: { now(): number }): FaultInjector {
  const inj = new FaultInjector(specs.map(parseFaultSpec), hooks, clock);
  injectors.push(inj);
  return inj;
}

function executors(...victims: Victim[]): { executorId: string; host: string; pid: number }[] {
  return victims.map((v, i) => ({ executorId: String(i), host: `host-${i}`, pid: v.pid }));
}

/** Starts job `jobId` with one stage of `numTasks` tasks and submits it. */
function oneStageJob(inj: FaultInjector, jobId: number, stageId: number, numTasks: number): void {
  inj.jobStart(jobId, 0, [stage(stageId, numTasks)]);
  inj.stageSubmitted(stage(stageId, numTasks));
}

afterEach(async () => {
  for (const inj of injectors.splice(0)) inj.stop();
  await reapAll();
});

describe('FaultInjector: progress triggers', () => {
  it('kills the executor when half the job is done, not before', async () => {
    const [a, b] = [await spawnExecutorLike(), await spawnExecutorLike()];
    const hooks = new RecordingHooks(executors(a, b));
    hooks.running.set('0', 2).set('1', 1);
    const inj = injector(['kill-executor'], withDefaultSignal(hooks), { now: () => 1_700_000_000_123 });
    oneStageJob(inj, 0, 0, 10);
    for (let i = 0; i < 4; i++) inj.taskEnd(task(0, i), SUCCESS);
    // Failed tasks are not progress.
    inj.taskEnd(task(0, 4), FAILURE);
    inj.taskEnd(task(0, 5), FAILURE);
    expect(inj.fired()).toEqual([]);
    expect(a.hasExited()).toBe(false);

    inj.taskEnd(task(0, 4), SUCCESS);
    const injection = {
      time: 1_700_000_000_123,
      action: 'kill-executor',
      targetExecutorId: '0',
      host: 'host-0',
      pid: a.pid,
      signal: 'SIGTERM',
      trigger: 'kill-executor',
      detail: 'executor 0 was running 2 tasks; job 0 had 5 of 10 tasks finished',
    };
    expect(inj.fired()).toEqual([injection]);
    expect(hooks.records).toEqual([injection]);
    expect(inj.pending()).toEqual([]);
    expect(hooks.messages('WARN')).toEqual([
      `FaultInjector: injected kill-executor: sent SIGTERM to executor 0 (pid ${a.pid}) on host-0; executor 0 was running 2 tasks; job 0 had 5 of 10 tasks finished`,
    ]);
    // The child's SIGTERM handler exits 143, as an executor's shutdown hooks do.
    expect(await a.exited).toEqual({ code: 143, signal: null });
    expect(b.hasExited()).toBe(false);
  });

  it('counts the tasks of stages still to come, so 50% of a two-stage job is the end of the first stage', async () => {
    const v = spawnSleep();
    const hooks = new RecordingHooks(executors(v));
    const inj = injector(['kill-executor:signal=KILL@50%'], hooks);
    inj.jobStart(0, 0, [stage(0, 10), stage(1, 10, [0])]);
    inj.stageSubmitted(stage(0, 10));
    for (let i = 0; i < 9; i++) inj.taskEnd(task(0, i), SUCCESS);
    expect(hooks.signals).toEqual([]);
    inj.taskEnd(task(0, 9), SUCCESS);
    expect(hooks.signals).toEqual([{ pid: v.pid, signal: 'SIGKILL' }]);
    expect(inj.fired()[0].detail).toBe('executor 0 was running 0 tasks; job 0 had 10 of 20 tasks finished');
    expect(await v.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('leaves skipped stages out of the job: their output already exists', () => {
    const hooks = new RecordingHooks([{ executorId: '0', host: 'h', pid: NO_SUCH_PID }]);
    const inj = injector(['kill-executor@50%'], hooks);
    // Stage 0 ran in an earlier job; this one submits only stage 1.
    inj.jobStart(1, 0, [stage(0, 10), stage(1, 4, [0])]);
    inj.stageSubmitted(stage(1, 4, [0]));
    inj.taskEnd(task(1, 0), SUCCESS);
    expect(hooks.signals).toEqual([]);
    inj.taskEnd(task(1, 1), SUCCESS);
    expect(hooks.signals).toHaveLength(1);
    expect(hooks.messages('WARN')[0]).toContain('job 1 had 2 of 4 tasks finished');
  });

  it('counts a recomputed partition once', () => {
    const hooks = new RecordingHooks([{ executorId: '0', host: 'h', pid: NO_SUCH_PID }]);
    const inj = injector(['kill-executor@50%'], hooks);
    oneStageJob(inj, 0, 0, 4);
    inj.taskEnd(task(0, 0), SUCCESS);
    inj.taskEnd(task(0, 0), SUCCESS);
    inj.taskEnd(task(0, 0, '0', 1), SUCCESS);
    expect(hooks.signals).toEqual([]);
  });

  it('fires a stage trigger on that stage alone, counting every attempt', async () => {
    const v = spawnSleep();
    const hooks = new RecordingHooks(executors(v));
    const inj = injector(['kill-executor:signal=KILL@stage=1:50%'], hooks);
    inj.jobStart(0, 0, [stage(0, 4), stage(1, 4, [0])]);
    inj.stageSubmitted(stage(0, 4));
    for (let i = 0; i < 4; i++) inj.taskEnd(task(0, i), SUCCESS);
    inj.stageSubmitted(stage(1, 4, [0]));
    inj.taskEnd(task(1, 0), SUCCESS);
    expect(hooks.signals).toEqual([]);
    // Stage 1 retried after a fetch failure: its second attempt's tasks count too.
    inj.stageSubmitted(stage(1, 4, [0], 1));
    inj.taskEnd(task(1, 3, '0', 1), SUCCESS);
    expect(hooks.signals).toEqual([{ pid: v.pid, signal: 'SIGKILL' }]);
    expect(inj.fired()[0]).toMatchObject({ trigger: 'kill-executor:signal=KILL@stage=1:50%', detail: expect.stringContaining('stage 1 had 2 of 4 tasks finished') });
    expect(await v.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('fires a 0% trigger as soon as the work is submitted', () => {
    const hooks = new RecordingHooks([{ executorId: '0', host: 'h', pid: NO_SUCH_PID }]);
    const inj = injector(['kill-executor@0%', 'kill-executor@stage=3:0%'], hooks);
    inj.jobStart(0, 0, [stage(2, 5), stage(3, 5, [2])]);
    expect(hooks.signals).toEqual([]);
    inj.stageSubmitted(stage(2, 5));
    expect(hooks.signals).toHaveLength(1);
    inj.stageSubmitted(stage(3, 5, [2]));
    expect(hooks.signals).toHaveLength(2);
  });
});

describe('FaultInjector: time triggers', () => {
  it('fires the given time after the job starts, with no task events at all', async () => {
    const v = await spawnExecutorLike();
    const hooks = new RecordingHooks(executors(v));
    const inj = injector(['kill-executor@200ms'], hooks);
    const started = Date.now();
    inj.jobStart(0, started, [stage(0, 10)]);
    expect(inj.fired()).toEqual([]);
    expect(await v.exited).toEqual({ code: 143, signal: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(inj.fired()[0].detail).toBe('executor 0 was running 0 tasks; 200 ms after job 0 started');
  });

  it('waits for the next job when the first ends in time', async () => {
    const v = await spawnExecutorLike();
    const hooks = new RecordingHooks(executors(v));
    const inj = injector(['kill-executor@100ms'], hooks);
    inj.jobStart(0, 0, [stage(0, 1)]);
    inj.jobEnd(0, 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(hooks.signals).toEqual([]);
    expect(inj.pending()).toHaveLength(1);
    inj.jobStart(1, 0, [stage(1, 1)]);
    expect(await v.exited).toEqual({ code: 143, signal: null });
    expect(inj.fired()[0].detail).toContain('100 ms after job 1 started');
  });
});

describe('FaultInjector: choosing the target', () => {
  it('picks the executor running the most tasks, the lowest id on a tie', async () => {
    const vs = [spawnSleep(), spawnSleep(), spawnSleep()];
    const hooks = new RecordingHooks(executors(...vs));
    hooks.running.set('0', 1).set('1', 3).set('2', 3);
    const inj = injector(['kill-executor:signal=KILL@0%'], hooks);
    oneStageJob(inj, 0, 0, 4);
    expect(inj.fired()[0]).toMatchObject({ targetExecutorId: '1', pid: vs[1].pid });
    expect(await vs[1].exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(vs[0].hasExited() || vs[2].hasExited()).toBe(false);
  });

  it('kills the executor named in the spec, busy or not', async () => {
    const vs = [spawnSleep(), spawnSleep(), spawnSleep()];
    const hooks = new RecordingHooks(executors(...vs));
    hooks.running.set('0', 4).set('1', 4);
    const inj = injector(['kill-executor:executor=2,signal=INT@0%'], hooks);
    oneStageJob(inj, 0, 0, 4);
    expect(inj.fired()[0]).toMatchObject({ targetExecutorId: '2', pid: vs[2].pid, signal: 'SIGINT', detail: expect.stringMatching(/^executor 2 was running 0 tasks;/) });
    expect(await vs[2].exited).toEqual({ code: null, signal: 'SIGINT' });
  });

  it('warns once and records nothing when the named executor is not alive', () => {
    const vs = [spawnSleep(), spawnSleep()];
    const hooks = new RecordingHooks(executors(...vs));
    const inj = injector(['kill-executor:executor=7@50%'], hooks);
    oneStageJob(inj, 0, 0, 2);
    for (let i = 0; i < 2; i++) inj.taskEnd(task(0, i), SUCCESS);
    oneStageJob(inj, 1, 1, 2);
    inj.taskEnd(task(1, 0), SUCCESS);
    expect(hooks.messages('WARN')).toEqual([
      'FaultInjector: fault kill-executor:executor=7@50% not injected (job 0 had 1 of 2 tasks finished): no executor 7 is alive (live executors: 0, 1)',
    ]);
    expect(hooks.signals).toEqual([]);
    expect(hooks.records).toEqual([]);
    expect(inj.fired()).toEqual([]);
    expect(inj.pending()).toEqual([]);
  });

  it('warns when there is no executor at all', () => {
    const hooks = new RecordingHooks([]);
    const inj = injector(['kill-executor@0%'], hooks);
    oneStageJob(inj, 0, 0, 1);
    expect(hooks.messages('WARN')).toEqual(['FaultInjector: fault kill-executor@0% not injected (job 0 had 0 of 1 tasks finished): no executor is alive (live executors: none)']);
  });

  it('kill-worker signals the worker process, leaving the executor to die of it', async () => {
    const executor = spawnSleep();
    const worker = await spawnExecutorLike();
    const hooks = new RecordingHooks([{ executorId: '0', host: 'h', pid: executor.pid, workerPid: worker.pid }]);
    const inj = injector(['kill-worker@0%'], hooks);
    oneStageJob(inj, 0, 0, 1);
    expect(hooks.signals).toEqual([{ pid: worker.pid, signal: 'SIGTERM' }]);
    expect(inj.fired()[0]).toMatchObject({ action: 'kill-worker', targetExecutorId: '0', pid: worker.pid, signal: 'SIGTERM' });
    expect(hooks.messages('WARN')[0]).toContain(`sent SIGTERM to the worker of executor 0 (pid ${worker.pid}) on h`);
    expect(await worker.exited).toEqual({ code: 143, signal: null });
    expect(executor.hasExited()).toBe(false);
  });

  it('kill-worker warns when the executor has no worker (local mode)', () => {
    const executor = spawnSleep();
    const hooks = new RecordingHooks([{ executorId: '0', host: 'h', pid: executor.pid }]);
    const inj = injector(['kill-worker@0%'], hooks);
    oneStageJob(inj, 0, 0, 1);
    expect(hooks.signals).toEqual([]);
    expect(hooks.messages('WARN')).toEqual(['FaultInjector: fault kill-worker@0% not injected (job 0 had 0 of 1 tasks finished): executor 0 has no worker process']);
  });

  it('warns instead of throwing when the process is already gone', async () => {
    const v = spawnSleep();
    process.kill(v.pid, 'SIGKILL');
    await v.exited;
    const hooks = new RecordingHooks(executors(v));
    const inj = injector(['kill-executor@0%'], withDefaultSignal(hooks));
    expect(() => oneStageJob(inj, 0, 0, 1)).not.toThrow();
    expect(hooks.messages('WARN')).toEqual([
      `FaultInjector: fault kill-executor@0% not injected (job 0 had 0 of 1 tasks finished): SIGTERM to executor 0 (pid ${v.pid}) on host-0 failed: no such process`,
    ]);
    expect(inj.fired()).toEqual([]);
  });

  it('never signals a pid that would reach a process group or the driver itself', () => {
    const hooks = new RecordingHooks([
      { executorId: '0', host: 'h', pid: 0 },
      { executorId: '1', host: 'h', pid: -1 },
      { executorId: '2', host: 'h', pid: process.pid },
    ]);
    const inj = injector(['kill-executor:executor=0@0%', 'kill-executor:executor=1@0%', 'kill-executor:executor=2@0%'], hooks);
    oneStageJob(inj, 0, 0, 1);
    expect(hooks.signals).toEqual([]);
    expect(hooks.messages('WARN').map((m) => m.replace(/.*failed: /, ''))).toEqual([
      'refusing to signal pid 0',
      'refusing to signal pid -1',
      `refusing to signal pid ${process.pid}`,
    ]);
  });
});

describe('FaultInjector: firing once', () => {
  it('fires each spec once, in the first job that meets it, and each at its own moment', async () => {
    const vs = [spawnSleep(), spawnSleep()];
    const hooks = new RecordingHooks(executors(...vs));
    const inj = injector(['kill-executor:executor=0,signal=KILL@25%', 'kill-executor:executor=1,signal=KILL@75%'], hooks);
    oneStageJob(inj, 0, 0, 4);
    inj.taskEnd(task(0, 0), SUCCESS);
    expect(hooks.signals).toEqual([{ pid: vs[0].pid, signal: 'SIGKILL' }]);
    expect(inj.pending().map((s) => s.text)).toEqual(['kill-executor:executor=1,signal=KILL@75%']);
    inj.taskEnd(task(0, 1), SUCCESS);
    inj.taskEnd(task(0, 2), SUCCESS);
    inj.taskEnd(task(0, 3), SUCCESS);
    inj.jobEnd(0, 0);
    oneStageJob(inj, 1, 1, 4);
    for (let i = 0; i < 4; i++) inj.taskEnd(task(1, i), SUCCESS);
    expect(hooks.signals).toEqual([
      { pid: vs[0].pid, signal: 'SIGKILL' },
      { pid: vs[1].pid, signal: 'SIGKILL' },
    ]);
    expect(inj.fired().map((f) => f.detail)).toEqual([
      'executor 0 was running 0 tasks; job 0 had 1 of 4 tasks finished',
      'executor 1 was running 0 tasks; job 0 had 3 of 4 tasks finished',
    ]);
    expect(inj.pending()).toEqual([]);
    await Promise.all(vs.map((v) => v.exited));
  });
});

describe('FaultInjector: pause-executor', () => {
  it('stops the process (state T), then resumes it with SIGCONT', async () => {
    const v = spawnSleep();
    const hooks = new RecordingHooks(executors(v));
    hooks.running.set('0', 1);
    const inj = injector(['pause-executor:for=1s@0%'], hooks);
    oneStageJob(inj, 0, 0, 2);
    expect(inj.fired()).toEqual([
      expect.objectContaining({
        action: 'pause-executor',
        pid: v.pid,
        signal: 'SIGSTOP',
        detail: 'executor 0 was running 1 task; job 0 had 0 of 2 tasks finished; paused for 1000 ms',
      }),
    ]);
    const resumed = (): boolean => hooks.signals.some((s) => s.signal === 'SIGCONT');
    await waitUntil(() => procState(v.pid) === 'T' || resumed(), 'the process stops');
    // Seen stopped before the SIGCONT went out: the pause really froze it.
    expect(resumed()).toBe(false);
    await waitUntil(resumed, 'the SIGCONT is sent');
    await waitUntil(() => procState(v.pid) !== 'T', 'the process runs again');
    expect(procState(v.pid)).toMatch(/^[RS]$/);
    expect(hooks.messages('INFO')).toEqual([`FaultInjector: resumed executor 0 (pid ${v.pid}) with SIGCONT after 1000 ms`]);
    // Only the SIGSTOP is the fault.
    expect(hooks.records).toHaveLength(1);
  });

  it('needs no SIGCONT for a process that died while paused', async () => {
    const v = spawnSleep();
    const hooks = new RecordingHooks(executors(v));
    const inj = injector(['pause-executor:for=200ms@0%'], withDefaultSignal(hooks));
    oneStageJob(inj, 0, 0, 1);
    process.kill(v.pid, 'SIGKILL');
    await v.exited;
    await waitUntil(() => hooks.logs.some((l) => l.level === 'INFO'), 'the resume is attempted');
    expect(hooks.messages('INFO')).toEqual([`FaultInjector: executor 0 (pid ${v.pid}) exited while paused; no SIGCONT needed`]);
  });
});

describe('FaultInjector.stop', () => {
  it('resumes paused processes and clears pending timers', async () => {
    const [paused, other] = [spawnSleep(), await spawnExecutorLike()];
    const hooks = new RecordingHooks(executors(paused, other));
    const inj = injector(['pause-executor:executor=0,for=60s@0%', 'kill-executor:executor=1@300ms'], hooks);
    oneStageJob(inj, 0, 0, 4);
    await waitUntil(() => procState(paused.pid) === 'T', 'the process stops');

    inj.stop();
    expect(hooks.signals.at(-1)).toEqual({ pid: paused.pid, signal: 'SIGCONT' });
    await waitUntil(() => procState(paused.pid) !== 'T', 'the process runs again');
    expect(hooks.messages('INFO')).toEqual([`FaultInjector: resumed executor 0 (pid ${paused.pid}) with SIGCONT as the fault injector stopped`]);

    // The 300 ms timer is gone: well past it, the other executor is untouched.
    await new Promise((r) => setTimeout(r, 600));
    expect(other.hasExited()).toBe(false);
    expect(hooks.signals.map((s) => s.signal)).toEqual(['SIGSTOP', 'SIGCONT']);
    expect(inj.pending().map((s) => s.text)).toEqual(['kill-executor:executor=1@300ms']);

    // Stopped for good: later events fire nothing, and a second stop is harmless.
    oneStageJob(inj, 1, 1, 1);
    inj.taskEnd(task(1, 0), SUCCESS);
    inj.stop();
    expect(hooks.signals).toHaveLength(2);
  });
});
