/**
 * From runs to cells: fills what needs other runs (the overhead over the fault-free baseline, whether
 * the result matches the fault-free one), then summarises each cell. Only runs whose job succeeded
 * count in the figures: a failed run's latency measures how fast it gave up, not how fast it worked.
 *
 * Inconclusive rule: a cell is inconclusive when it has fewer than `minRuns` (3) successful runs, or
 * when the 95% CI of its median job latency is wider than `maxCiWidthShare` (25%) of that median.
 * Job latency is the figure judged because every other time figure of the cell (overhead, its share)
 * is derived from it and inherits its noise.
 */
import type { CellSummary, RunRecord } from '../results/run-record.js';
import type { BootstrapOptions } from './bootstrap.js';
import { median } from './median.js';
import { summarise } from './summarise.js';

export interface SummariseCellsOptions extends BootstrapOptions {
  /** Fewer successful runs than this make a cell inconclusive. Default 3. */
  readonly minRuns?: number;
  /** A latency CI wider than this share of the median makes a cell inconclusive. Default 0.25. */
  readonly maxCiWidthShare?: number;
}

export interface CellsSummary {
  /** The input records, with recovery_overhead_ms and digest_matches filled. */
  readonly records: RunRecord[];
  readonly cells: CellSummary[];
}

/** The fault column's value for a run without a fault. */
export const NO_FAULT = 'none';

const DISAGREE = Symbol('fault-free digests disagree');
type Reference = string | typeof DISAGREE;

function isBaseline(r: RunRecord): boolean {
  return r.fault === NO_FAULT && r.status === 'ok';
}

/** Median fault-free job latency by `scenario|storage`. */
function baselineLatencies(records: readonly RunRecord[]): Map<string, number> {
  const latencies = new Map<string, number[]>();
  for (const r of records) {
    if (!isBaseline(r) || r.job_latency_ms === null) continue;
    const key = `${r.scenario}|${r.storage}`;
    latencies.set(key, [...(latencies.get(key) ?? []), r.job_latency_ms]);
  }
  return new Map([...latencies].map(([k, v]) => [k, median(v)]));
}

/**
 * The fault-free result digest by scenario, across storage levels (persisting must not change a
 * result either). If the fault-free runs disagree among themselves, the job is not deterministic and
 * no run of the scenario can be said to match.
 */
function referenceDigests(records: readonly RunRecord[]): Map<string, Reference> {
  const digests = new Map<string, Set<string>>();
  for (const r of records) {
    if (!isBaseline(r) || r.result_digest === '') continue;
    digests.set(r.scenario, (digests.get(r.scenario) ?? new Set()).add(r.result_digest));
  }
  return new Map([...digests].map(([s, set]) => [s, set.size === 1 ? [...set][0] : DISAGREE]));
}

function digestMatches(r: RunRecord, reference: Reference | undefined): boolean | null {
  // Without a result or a reference there is nothing to compare; keep what the runner knew.
  if (r.status !== 'ok' || r.result_digest === '' || reference === undefined) return r.digest_matches;
  return reference !== DISAGREE && r.result_digest === reference;
}

function cellDigestsMatch(ok: readonly RunRecord[], reference: Reference | undefined): boolean | null {
  if (reference === DISAGREE) return false;
  if (ok.some((r) => r.digest_matches === false)) return false;
  return ok.length > 0 && ok.every((r) => r.digest_matches === true) ? true : null;
}

function column(records: readonly RunRecord[], pick: (r: RunRecord) => number | null): number[] {
  return records.map(pick).filter((v): v is number => v !== null);
}

export function summariseCells(records: readonly RunRecord[], opts: SummariseCellsOptions = {}): CellsSummary {
  const minRuns = opts.minRuns ?? 3;
  const maxShare = opts.maxCiWidthShare ?? 0.25;
  const baselines = baselineLatencies(records);
  const references = referenceDigests(records);

  const filled = records.map((r): RunRecord => {
    const baseline = baselines.get(`${r.scenario}|${r.storage}`);
    const overhead = r.status === 'ok' && r.job_latency_ms !== null && baseline !== undefined ? r.job_latency_ms - baseline : null;
    return { ...r, recovery_overhead_ms: overhead, digest_matches: digestMatches(r, references.get(r.scenario)) };
  });

  const byCell = new Map<string, RunRecord[]>();
  for (const r of filled) byCell.set(r.cell, [...(byCell.get(r.cell) ?? []), r]);

  const cells = [...byCell.values()].map((runs): CellSummary => {
    const { cell, scenario, storage, fault } = runs[0];
    const ok = runs.filter((r) => r.status === 'ok');
    const stat = (pick: (r: RunRecord) => number | null) => summarise(column(ok, pick), opts);
    const latency = stat((r) => r.job_latency_ms);
    const overhead = stat((r) => r.recovery_overhead_ms);
    const baseline = baselines.get(`${scenario}|${storage}`);
    const tooFew = latency === null || latency.n < minRuns;
    const tooWide = latency !== null && latency.ci_high - latency.ci_low > maxShare * Math.abs(latency.median);
    return {
      cell,
      scenario,
      storage,
      fault,
      runs_ok: ok.length,
      runs_failed: runs.length - ok.length,
      job_latency_ms: latency,
      throughput_rows_per_s: stat((r) => r.throughput_rows_per_s),
      detection_ms: stat((r) => r.detection_ms),
      recovery_ms: stat((r) => r.recovery_ms),
      recovery_overhead_ms: overhead,
      recovery_overhead_pct: overhead !== null && baseline !== undefined && baseline > 0 ? (overhead.median / baseline) * 100 : null,
      tasks_rerun: stat((r) => r.tasks_rerun),
      partitions_recomputed: stat((r) => r.partitions_recomputed),
      blocks_from_replica: stat((r) => r.blocks_from_replica),
      cached_blocks_lost: stat((r) => r.cached_blocks_lost),
      digests_match: cellDigestsMatch(ok, references.get(scenario)),
      inconclusive: tooFew || tooWide,
    };
  });
  return { records: filled, cells };
}
