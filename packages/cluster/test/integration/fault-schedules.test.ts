/**
 * What must hold, 2: the same answer under faults. Each seed makes one random fault schedule — the job
 * (narrow count or wide session table), whether the purchases are persisted and at which level, which
 * run gets the fault (with a level the job runs twice: filling the cache, then reading it), the fault
 * (SIGTERM or SIGKILL of an executor or its worker, or an executor frozen with SIGSTOP for a while) and
 * when it fires (a share of the job's tasks, a share of one of its stages, or a time after it started).
 * Every run of every schedule must return exactly the fault-free answer.
 *
 * Executor faults share one long-lived standalone cluster (the master replaces a killed executor, and the
 * next application gets fresh ones); a killed worker does not come back, so each kill-worker schedule gets
 * a local-cluster of its own.
 *
 * SPARKBENCH_FAULT_SCHEDULES=N runs N schedules (50 by default); SPARKBENCH_FAULT_SEEDS=7,31 runs just
 * those seeds, to replay a failure.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFaultInjector, LocalCluster, parseFaultSpec, type FaultInjector } from '../../src/index.js';
import { seededRandom } from '../seeded-random.js';
import { eventsCsv, onlyPurchases, readEvents, runApp, runScenarioJob, sparkDirsIn, tempRoot, waitForNoProcesses, type JobAnswer, type Scenario } from './harness.js';

const STORAGE_LEVELS = ['MEMORY_ONLY', 'MEMORY_AND_DISK', 'DISK_ONLY', 'MEMORY_ONLY_SER', 'MEMORY_ONLY_2', 'MEMORY_AND_DISK_2'] as const;

type Trigger =
  | { readonly kind: 'job'; readonly percent: number }
  /** A share of the faulted job's map stage (wide only) or of its result stage; ids are known after the baseline. */
  | { readonly kind: 'stage'; readonly stage: 'map' | 'result'; readonly percent: number }
  | { readonly kind: 'time'; readonly ms: number };

interface Schedule {
  readonly seed: number;
  readonly scenario: Scenario;
  readonly storage?: (typeof STORAGE_LEVELS)[number];
  /** Which run of the job the fault is armed for: 0, or 1 (the cache-reading run) when persisted. */
  readonly faultRun: 0 | 1;
  readonly action: 'kill-executor' | 'kill-worker' | 'pause-executor';
  readonly signal?: 'TERM' | 'KILL';
  readonly pauseMs?: number;
  readonly executor?: string;
  readonly trigger: Trigger;
}

function makeSchedule(seed: number): Schedule {
  const r = seededRandom(seed * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const scenario: Scenario = r() < 0.5 ? 'narrow' : 'wide';
  const storage = r() < 0.45 ? pick(STORAGE_LEVELS) : undefined;
  const faultRun: 0 | 1 = storage !== undefined && r() < 0.5 ? 1 : 0;
  const a = r();
  const action = a < 0.45 ? 'kill-executor' : a < 0.75 ? 'pause-executor' : 'kill-worker';
  const signal = action === 'pause-executor' ? undefined : r() < 0.5 ? 'TERM' : 'KILL';
  // Shorter than spark.network.timeout (1500 ms here): a slow executor; longer: one declared lost.
  const pauseMs = action === 'pause-executor' ? pick([600, 1000, 2500, 4000]) : undefined;
  const executor = r() < 0.25 ? String(Math.floor(r() * 3)) : undefined;
  const t = r();
  const percent = Math.round(5 + r() * 85);
  const trigger: Trigger =
    t < 0.4
      ? { kind: 'job', percent }
      : t < 0.75
        ? { kind: 'stage', stage: scenario === 'wide' && r() < 0.5 ? 'map' : 'result', percent: Math.round(r() * 90) }
        : { kind: 'time', ms: Math.round(5 + r() * 145) };
  return {
    seed,
    scenario,
    ...(storage !== undefined && { storage }),
    faultRun,
    action,
    ...(signal !== undefined && { signal }),
    ...(pauseMs !== undefined && { pauseMs }),
    ...(executor !== undefined && { executor }),
    trigger,
  };
}

/** The schedule's --fault spec; `stages` are the faulted job's stage ids (map first for the wide job). */
function faultSpec(s: Schedule, stages: { map?: number; result: number }): string {
  const params: string[] = [];
  if (s.executor !== undefined) params.push(`executor=${s.executor}`);
  if (s.signal !== undefined) params.push(`signal=${s.signal}`);
  if (s.pauseMs !== undefined) params.push(`for=${s.pauseMs}ms`);
  const t = s.trigger;
  const trigger = t.kind === 'job' ? `${t.percent}%` : t.kind === 'time' ? `${t.ms}ms` : `stage=${t.stage === 'map' ? stages.map! : stages.result}:${t.percent}%`;
  return `${s.action}${params.length > 0 ? `:${params.join(',')}` : ''}@${trigger}`;
}

function describeSchedule(s: Schedule): string {
  const t = s.trigger;
  const when = t.kind === 'job' ? `${t.percent}% of the job` : t.kind === 'time' ? `${t.ms} ms into the job` : `${t.percent}% of its ${t.stage} stage`;
  const action = s.action === 'pause-executor' ? `pause-executor for ${s.pauseMs} ms` : `${s.action} (SIG${s.signal})`;
  const storage = s.storage === undefined ? 'not persisted' : `persisted ${s.storage}, fault in run ${s.faultRun + 1} of 2`;
  return `seed ${s.seed}: ${s.scenario}, ${storage}, ${action}${s.executor !== undefined ? ` of executor ${s.executor}` : ''} at ${when}`;
}

function seeds(): number[] {
  const explicit = process.env.SPARKBENCH_FAULT_SEEDS;
  if (explicit !== undefined && explicit.trim() !== '') return explicit.split(',').map((x) => Number(x.trim()));
  const n = Number(process.env.SPARKBENCH_FAULT_SCHEDULES ?? 50);
  return Array.from({ length: n }, (_, i) => i + 1);
}

const SCHEDULES = seeds().map(makeSchedule);

const root = tempRoot('fault-schedules');
const secret = randomBytes(16).toString('hex');
let data: string;
let cluster: LocalCluster;
/** Fault-free answers, and the stage ids of each run's job (the same in every application of the same shape). */
const baseline = new Map<Scenario, JobAnswer>();
const stageIds = new Map<string, { map?: number; result: number }>();
const fired: Schedule[] = [];
/** Schedules that ran to their checks (a failed one is reported on its own, not again as "not fired"). */
const completed: Schedule[] = [];

/** Runs a schedule's application in `dir`: read, filter, maybe persist, then the job once or twice. */
async function runApplication(
  dir: string,
  master: string,
  conf: Record<string, string>,
  s: Pick<Schedule, 'scenario' | 'storage' | 'faultRun'>,
  faultAt: (run: number) => string | undefined,
  onJobStages?: (run: number, stages: { map?: number; result: number }) => void,
): Promise<{ answers: JobAnswer[]; error?: Error; injector?: FaultInjector; logs: string[]; faultsLogged: number }> {
  let injector: FaultInjector | undefined;
  const answers: JobAnswer[] = [];
  let error: Error | undefined;
  const { logs, model } = await runApp(dir, master, { conf }, async (spark) => {
    const sc = spark.sparkContext;
    let run = -1;
    sc.addListener({
      jobStart: (_jobId, _time, stages) => {
        if (run < 0 || onJobStages === undefined) return;
        const sorted = [...stages].sort((a, b) => a.stageId - b.stageId);
        const result = sorted[sorted.length - 1].stageId;
        onJobStages(run, sorted.length > 1 ? { map: sorted[0].stageId, result } : { result });
      },
    });
    try {
      const purchases = onlyPurchases(await readEvents(spark, data));
      if (s.storage !== undefined) purchases.persist(s.storage);
      const runs = s.storage === undefined ? 1 : 2;
      for (run = 0; run < runs; run++) {
        const spec = faultAt(run);
        if (spec !== undefined) injector = attachFaultInjector(sc, [parseFaultSpec(spec)]);
        answers.push(await runScenarioJob(s.scenario, purchases));
      }
    } catch (err) {
      // Returned, not thrown: the caller fails with the schedule and the driver's log lines attached.
      error = err instanceof Error ? err : new Error(String(err));
    } finally {
      injector?.stop();
    }
  });
  return { answers, ...(error !== undefined && { error }), ...(injector !== undefined && { injector }), logs, faultsLogged: model.faults.length };
}

beforeAll(async () => {
  data = await eventsCsv(root.path, 30_000, 5);
  // Fault-free answers and stage ids, once, in local mode (test 1 shows a cluster gives the same answers).
  for (const scenario of ['narrow', 'wide'] as const) {
    for (const storage of [undefined, 'MEMORY_ONLY'] as const) {
      const dir = join(root.path, `baseline-${scenario}-${storage ?? 'none'}`);
      const { answers, error } = await runApplication(
        dir,
        'local[2]',
        {},
        { scenario, ...(storage !== undefined && { storage }), faultRun: 0 },
        () => undefined,
        (run, stages) => stageIds.set(`${scenario}/${storage === undefined ? 1 : 2}/${run}`, stages),
      );
      if (error !== undefined) throw error;
      const first = baseline.get(scenario) ?? answers[0];
      baseline.set(scenario, first);
      for (const a of answers) expect(a).toEqual(first);
    }
  }
  cluster = await LocalCluster.start({ workers: 3, coresPerWorker: 1, memoryPerWorkerMb: 1024 }, join(root.path, 'cluster'), secret);
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  const left = await waitForNoProcesses(root.path, 5000);
  root.remove();
  expect(left, 'processes left behind by the fault schedules').toEqual([]);
}, 30_000);

describe('the same answer under random fault schedules', () => {
  for (const s of SCHEDULES) {
    it(describeSchedule(s), async () => {
      const dir = join(root.path, `seed-${s.seed}`);
      const conf: Record<string, string> = {};
      if (s.action === 'pause-executor') {
        // A frozen executor keeps its sockets open: only missed heartbeats reveal it, so make that quick.
        conf['spark.network.timeout'] = '1500ms';
        conf['spark.executor.heartbeatInterval'] = '200ms';
      }
      let master: string;
      if (s.action === 'kill-worker') {
        master = 'local-cluster[3,1,1024]';
      } else {
        master = cluster.masterUrl;
        conf['spark.authenticate.secret'] = secret;
        // Wait for all three executors, as a local-cluster does, so the fault has its pick of them.
        conf['spark.sparkbench.minExecutors'] = '3';
      }
      const runs = s.storage === undefined ? 1 : 2;
      const stages = stageIds.get(`${s.scenario}/${runs}/${s.faultRun}`)!;
      const spec = faultSpec(s, stages);
      const outcome = await runApplication(dir, master, conf, s, (run) => (run === s.faultRun ? spec : undefined));
      const context = `${describeSchedule(s)}\n  --fault ${spec}\n  replay: SPARKBENCH_FAULT_SEEDS=${s.seed}\n  driver log:\n    ${outcome.logs.join('\n    ')}`;

      expect(outcome.error?.message, context).toBeUndefined();
      const want = baseline.get(s.scenario)!;
      for (const [run, answer] of outcome.answers.entries()) expect(answer, `run ${run + 1}: ${context}`).toEqual(want);
      const injected = outcome.injector?.fired() ?? [];
      completed.push(s);
      if (injected.length > 0) fired.push(s);
      // Every fault that fired is in the event log, where the analysis finds it.
      expect(outcome.faultsLogged, context).toBe(injected.length);
      expect(sparkDirsIn(join(dir, 'local')), context).toEqual([]);
      if (s.action === 'kill-worker') expect(await waitForNoProcesses(dir, 3000), context).toEqual([]);
    }, 90_000);
  }

  it('fired the fault in most schedules', () => {
    // Time triggers can miss a job that ends first; progress triggers should always fire.
    const progress = completed.filter((s) => s.trigger.kind !== 'time');
    const missed = progress.filter((s) => !fired.includes(s));
    expect(missed.map(describeSchedule)).toEqual([]);
    expect(fired.length).toBeGreaterThanOrEqual(Math.ceil(completed.length * 0.7));
    const byAction = (xs: Schedule[], a: Schedule['action']): number => xs.filter((s) => s.action === a).length;
    const actions = ['kill-executor', 'kill-worker', 'pause-executor'] as const;
    console.log(
      `fault schedules: ${completed.length} run, ${fired.length} with the fault fired (${actions.map((a) => `${a} ${byAction(fired, a)}/${byAction(completed, a)}`).join(', ')})`,
    );
  });
});
