import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addShutdownHook, events } from '@sparkbench/core';
import { runMetrics, toRunRecord } from '../metrics/index.js';
import { summariseCells } from '../stats/index.js';
import { readResults, writeResults } from '../report/index.js';
import type { Environment } from '../results/environment.js';
import type { CellSummary, RunRecord } from '../results/run-record.js';
import { runScenario } from '../run/run-scenario.js';
import type { PlannedRun } from './plan.js';

export interface ExperimentOptions {
  readonly plan: readonly PlannedRun[];
  readonly data: string;
  readonly master: string;
  readonly conf: Readonly<Record<string, string>>;
  readonly out: string;
  readonly env: Environment;
  /** Skip runs already in `out`'s results.csv. */
  readonly resume: boolean;
  /** Progress lines (the current cell and the ETA). */
  readonly progress?: (line: string) => void;
}

export interface ExperimentResult {
  readonly records: RunRecord[];
  readonly cells: CellSummary[];
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Runs a plan, one fresh application per run, and after every run rewrites the result set — so an
 * interrupted experiment keeps every finished run and can be resumed.
 */
export async function runExperiment(opts: ExperimentOptions): Promise<ExperimentResult> {
  const previous = opts.resume ? readResults(opts.out).records : [];
  const done = new Set(previous.map((r) => r.run_id));
  const records: RunRecord[] = [...previous];
  const todo = opts.plan.filter((p) => !done.has(p.run_id));
  // Warm-up logs are not results: a temp dir, removed however the experiment ends.
  const warmupLogs = mkdtempSync(join(tmpdir(), 'sparkbench-warmup-'));
  const removeHook = addShutdownHook(() => rmSync(warmupLogs, { recursive: true, force: true }));
  const started = Date.now();
  let measured = 0;
  const countable = todo.filter((p) => !p.warmup).length;
  try {
    for (let i = 0; i < todo.length; i++) {
      const p = todo[i];
      const elapsed = Date.now() - started;
      const eta = measured > 0 ? ` · ETA ${duration((elapsed / (i + 1)) * (todo.length - i))}` : '';
      opts.progress?.(`[${i + 1}/${todo.length}] ${p.warmup ? 'warm-up ' : ''}${p.cell} rep ${p.rep}${eta}`);
      const outcome = await runScenario({
        scenario: p.run.job,
        data: opts.data,
        master: opts.master,
        storage: p.run.storage === 'NONE' ? undefined : p.run.storage,
        faults: p.run.fault === 'none' ? [] : [p.run.fault],
        conf: opts.conf,
        eventLogDir: p.warmup ? warmupLogs : join(opts.out, 'events'),
        appName: `sparkbench ${p.run_id}`,
      });
      if (p.warmup) continue;
      measured++;
      const model = await events.loadAppModel(outcome.eventLog);
      const last = outcome.results[outcome.results.length - 1];
      const record = toRunRecord(runMetrics(model), {
        run_id: p.run_id,
        cell: p.cell,
        scenario: p.run.job,
        storage: p.run.storage,
        fault: p.run.fault,
        rep: p.rep,
        app_id: outcome.appId,
        event_log: outcome.eventLog,
        result_digest: outcome.error === undefined ? (last?.result_digest ?? '') : '',
        digest_matches: null,
      });
      records.push(outcome.error === undefined ? record : { ...record, status: 'failed', failure_reason: outcome.error });
      const summary = summariseCells(records);
      writeResults(opts.out, { records: summary.records, cells: summary.cells, env: opts.env });
      if (measured === countable) break;
    }
  } finally {
    rmSync(warmupLogs, { recursive: true, force: true });
    removeHook();
  }
  const summary = summariseCells(records);
  writeResults(opts.out, { records: summary.records, cells: summary.cells, env: opts.env });
  return summary;
}
