/**
 * The cluster figures of `pnpm bench`: a standalone cluster (master, workers and executors as real
 * processes) on the benchmark's dataset, fault-free and with one executor killed half-way through
 * the job. Every figure comes from the applications' event logs (see cluster-metrics.ts), one fresh
 * application per run, as the experiment matrix runs them. See bench/README.md ("Cluster").
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { codeWorkspaceRoot } from '../results/workspace-root.js';
import { events } from '@sparkbench/core';
import type { JobName } from '../scenarios/seed-jobs.js';
import { median } from '../stats/index.js';
import { clusterAppFigures, type ClusterAppFigures } from './cluster-metrics.js';
import { runClusterApp, type ClusterApp } from './cluster-run.js';
import { spread, type Spread } from './spread.js';
import { CLUSTER_TARGETS } from './targets.js';

export const CLUSTER_MASTER = 'local-cluster[3,1,1024]';
export const LOCAL_MASTER = 'local[2]';
export const CLUSTER_FAULT = 'kill-executor@50%';

export type ClusterRunKind = 'cluster' | 'local' | 'fault';

/** One application of the cluster benchmark. */
export interface ClusterRunRecord {
  readonly kind: ClusterRunKind;
  readonly job: JobName;
  readonly master: string;
  readonly fault: string | null;
  /** 1-based; the warm-up is not recorded. */
  readonly rep: number;
  readonly appId: string;
  readonly eventLog: string;
  /** The SparkException, when the job failed. */
  readonly error: string | null;
  /** sha256 of the answer (null when the job failed): every run of a job must give the same. */
  readonly resultDigest: string | null;
  readonly faultNotFired: boolean;
  readonly waitedForReplacementMs: number;
  readonly replacementTimedOut: boolean;
  /** Application start → stop, wall clock in the benchmark process (cluster start-up included). */
  readonly appWallMs: number;
  readonly figures: ClusterAppFigures;
}

/** A figure with a target: the median over the runs it was measured in. */
export interface ClusterFigure {
  readonly name: string;
  readonly job: JobName;
  readonly unit: 'ms' | '×';
  /** The figure the target is about (the median, or for the latency ratio the ratio of medians); null when no run measured it. */
  readonly value: number | null;
  /** The per-run values it summarises (per-repetition ratios for the latency ratio). */
  readonly samples: Spread | null;
  /** Runs it was measured in / runs that should have measured it. */
  readonly measured: number;
  readonly expected: number;
  readonly target: number;
  readonly comparison: '<' | '≤';
  readonly pass: boolean;
  /** What went into it, one line. */
  readonly detail: string;
}

export interface ClusterResult {
  readonly reps: number;
  readonly clusterMaster: string;
  readonly localMaster: string;
  readonly fault: string;
  readonly eventLogDir: string;
  readonly figures: ClusterFigure[];
  /** Everything that looked wrong: faults that did not fire, failed jobs, answers that differ. */
  readonly problems: string[];
  readonly runs: ClusterRunRecord[];
}

type Progress = (line: string) => void;

function fmt(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : `${ms.toFixed(0)} ms`;
}

function numbers(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
}

function maybeSpread(values: readonly number[]): Spread | null {
  return values.length === 0 ? null : spread(values);
}

function figure(
  f: Omit<ClusterFigure, 'pass' | 'measured' | 'value' | 'samples'> & { readonly samples: readonly number[]; readonly headline?: number },
): ClusterFigure {
  const samples = maybeSpread(f.samples);
  const value = f.headline ?? samples?.median ?? null;
  const pass = value !== null && (f.comparison === '<' ? value < f.target : value <= f.target);
  const { headline: _headline, samples: _samples, ...rest } = f;
  return { ...rest, value, samples, measured: f.samples.length, pass };
}

async function runOne(kind: ClusterRunKind, job: JobName, rep: number, data: string, eventLogDir: string): Promise<ClusterRunRecord> {
  const master = kind === 'local' ? LOCAL_MASTER : CLUSTER_MASTER;
  const fault = kind === 'fault' ? CLUSTER_FAULT : undefined;
  const started = performance.now();
  const app: ClusterApp = await runClusterApp({
    job,
    data,
    master,
    fault,
    eventLogDir,
    appName: `sparkbench bench cluster ${job} ${kind} rep ${rep}`,
  });
  const appWallMs = performance.now() - started;
  const figures = clusterAppFigures(await events.loadAppModel(app.eventLog));
  return {
    kind,
    job,
    master,
    fault: fault ?? null,
    rep,
    appId: app.appId,
    eventLog: app.eventLog,
    error: app.error ?? null,
    resultDigest: app.result?.result_digest ?? null,
    faultNotFired: app.faultNotFired,
    waitedForReplacementMs: app.waitedForReplacementMs,
    replacementTimedOut: app.replacementTimedOut,
    appWallMs,
    figures,
  };
}

function describe(r: ClusterRunRecord): string {
  const f = r.figures;
  const head = `${r.job} ${r.kind === 'fault' ? `${r.master} + ${r.fault}` : r.master} rep ${r.rep}: job ${fmt(f.jobLatencyMs)}`;
  if (r.error !== null) return `${head} FAILED: ${r.error.split('\n')[0]}`;
  if (f.fault === null) return r.kind === 'fault' ? `${head}, NO FAULT in the event log` : head;
  const x = f.fault;
  return (
    `${head}; kill at ${fmt(x.faultAtMs)} (${x.detail}), detection ${fmt(x.detectionMs)}, replacement ${fmt(x.relaunchMs)}` +
    `${x.replacementBeforeJobEnd === false ? ' (after the job)' : ''}, ${x.rerunAttempts} re-runs = ${fmt(x.redoneWorkMs)} of work`
  );
}

/** Everything in the runs that should not be there, one line each. */
function findProblems(runs: readonly ClusterRunRecord[]): string[] {
  const problems: string[] = [];
  const reference = new Map<JobName, string>();
  for (const r of runs) {
    const what = `${r.job} ${r.kind} rep ${r.rep} (${r.appId})`;
    if (r.error !== null || r.figures.status !== 'ok') problems.push(`${what}: the job failed: ${(r.error ?? r.figures.failureReason).split('\n')[0]}`);
    if (r.kind === 'fault' && (r.faultNotFired || r.figures.fault === null)) problems.push(`${what}: the fault never fired — the run measures nothing`);
    if (r.kind !== 'fault' && r.figures.fault !== null) problems.push(`${what}: a fault is in the event log of a fault-free run`);
    if (r.figures.fault !== null && r.figures.fault.detectionMs === null) problems.push(`${what}: executor ${r.figures.fault.targetExecutorId} was never removed after the fault`);
    if (r.replacementTimedOut) problems.push(`${what}: no replacement executor registered within the wait after the job`);
    if (r.resultDigest !== null) {
      const ref = reference.get(r.job);
      if (ref === undefined) reference.set(r.job, r.resultDigest);
      else if (ref !== r.resultDigest) problems.push(`${what}: a different answer (digest ${r.resultDigest.slice(0, 12)}… vs ${ref.slice(0, 12)}…)`);
    }
  }
  return problems;
}

function computeFigures(runs: readonly ClusterRunRecord[]): ClusterFigure[] {
  const ok = (kind: ClusterRunKind, job: JobName) => runs.filter((r) => r.kind === kind && r.job === job && r.error === null && r.figures.status === 'ok');
  const faultRuns = (job: JobName) => runs.filter((r) => r.kind === 'fault' && r.job === job);
  const jobs: JobName[] = [...new Set(runs.map((r) => r.job))];
  const out: ClusterFigure[] = [];

  for (const job of jobs) {
    const fr = faultRuns(job);
    const detections = numbers(fr.map((r) => r.figures.fault?.detectionMs));
    out.push(
      figure({
        name: 'executor-exit detection (fault → ExecutorRemoved)',
        job,
        unit: 'ms',
        samples: detections,
        expected: fr.length,
        target: CLUSTER_TARGETS.detectionMs,
        comparison: '<',
        detail: `SIGTERM to the busiest executor at ${CLUSTER_FAULT.split('@')[1]} of the job`,
      }),
    );
  }
  for (const job of jobs) {
    const fr = faultRuns(job);
    const relaunches = fr.map((r) => r.figures.fault).filter((f) => f !== null && f.relaunchMs !== null);
    const beforeEnd = relaunches.filter((f) => f!.replacementBeforeJobEnd === true).length;
    out.push(
      figure({
        name: 'replacement executor (ExecutorRemoved → next ExecutorAdded)',
        job,
        unit: 'ms',
        samples: numbers(relaunches.map((f) => f!.relaunchMs)),
        expected: fr.length,
        target: CLUSTER_TARGETS.relaunchMs,
        comparison: '<',
        detail: `registered before the job ended in ${beforeEnd} of ${fr.length} runs`,
      }),
    );
  }

  // Fault-free narrow job: the cluster against local[2], run back to back in each repetition.
  const cluster = ok('cluster', 'narrow');
  const local = ok('local', 'narrow');
  if (cluster.length > 0 || local.length > 0) {
    const c = numbers(cluster.map((r) => r.figures.jobLatencyMs));
    const l = numbers(local.map((r) => r.figures.jobLatencyMs));
    const paired: number[] = [];
    for (const r of cluster) {
      const peer = local.find((x) => x.rep === r.rep);
      if (peer?.figures.jobLatencyMs && r.figures.jobLatencyMs !== null) paired.push(r.figures.jobLatencyMs / peer.figures.jobLatencyMs);
    }
    const ratio = c.length > 0 && l.length > 0 ? median(c) / median(l) : undefined;
    const pairedText = paired.length > 0 ? `; per rep ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}×` : '';
    out.push(
      figure({
        name: `fault-free job latency: ${CLUSTER_MASTER} / ${LOCAL_MASTER}`,
        job: 'narrow',
        unit: '×',
        samples: paired,
        headline: ratio,
        expected: Math.max(cluster.length, local.length),
        target: CLUSTER_TARGETS.clusterVsLocal,
        comparison: '≤',
        detail:
          c.length > 0 && l.length > 0
            ? `median ${median(c).toFixed(0)} ms / ${median(l).toFixed(0)} ms = ${ratio!.toFixed(2)}×${pairedText}`
            : 'no successful run on one of the masters',
      }),
    );
  }

  // Recovery overhead: each fault run against the median fault-free latency on the same master.
  for (const job of jobs) {
    const free = numbers(ok('cluster', job).map((r) => r.figures.jobLatencyMs));
    const fr = ok('fault', job).filter((r) => r.figures.fault !== null && r.figures.jobLatencyMs !== null);
    const freeMedian = free.length > 0 ? median(free) : undefined;
    const ratios: number[] = [];
    const overheads: number[] = [];
    const budgets: number[] = [];
    if (freeMedian !== undefined) {
      for (const r of fr) {
        const x = r.figures.fault!;
        const overhead = r.figures.jobLatencyMs! - freeMedian;
        const budget = x.redoneWorkMs + (x.detectionMs ?? 0);
        overheads.push(overhead);
        budgets.push(budget);
        if (budget > 0) ratios.push(overhead / budget);
      }
    }
    out.push(
      figure({
        name: 'recovery overhead / (lost work + detection)',
        job,
        unit: '×',
        samples: ratios,
        expected: faultRuns(job).length,
        target: CLUSTER_TARGETS.recoveryOverhead,
        comparison: '≤',
        detail:
          freeMedian === undefined || overheads.length === 0
            ? 'no successful fault-free or fault run'
            : `overhead median ${median(overheads).toFixed(0)} ms (fault-free median ${freeMedian.toFixed(0)} ms); lost work + detection median ${median(budgets).toFixed(0)} ms`,
      }),
    );
  }
  return out;
}

/**
 * `reps` rounds; in each, the narrow job on the cluster and on local[2] (order swapped every round),
 * the narrow job with a killed executor, then the wide job without and with one. One untimed
 * fault-free cluster run first (page cache, process start-up paths).
 */
export async function runCluster(csvPath: string, reps: number, progress: Progress): Promise<ClusterResult> {
  // The figures come from these logs: they are kept beside the results (not committed), not left in /tmp.
  const eventLogDir = join(codeWorkspaceRoot(), 'bench', 'results', `cluster-events-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(eventLogDir, { recursive: true });
  progress(`cluster: event logs in ${eventLogDir}`);
  const warm = await runOne('cluster', 'narrow', 0, csvPath, eventLogDir);
  progress(`cluster warm-up: ${describe(warm)}`);
  const runs: ClusterRunRecord[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    const narrowPair: ClusterRunKind[] = rep % 2 === 1 ? ['cluster', 'local'] : ['local', 'cluster'];
    const plan: [ClusterRunKind, JobName][] = [
      ...narrowPair.map((k): [ClusterRunKind, JobName] => [k, 'narrow']),
      ['fault', 'narrow'],
      ['cluster', 'wide'],
      ['fault', 'wide'],
    ];
    for (const [kind, job] of plan) {
      const r = await runOne(kind, job, rep, csvPath, eventLogDir);
      runs.push(r);
      progress(`cluster ${rep}/${reps}: ${describe(r)}`);
    }
  }
  return {
    reps,
    clusterMaster: CLUSTER_MASTER,
    localMaster: LOCAL_MASTER,
    fault: CLUSTER_FAULT,
    eventLogDir,
    figures: computeFigures(runs),
    problems: findProblems(runs),
    runs,
  };
}
