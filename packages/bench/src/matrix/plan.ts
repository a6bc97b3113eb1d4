import type { ScenarioRun } from '../scenarios/scenario-file.js';
import { seededShuffle } from './seeded-shuffle.js';

/** One run to do: a cell (job × storage × fault) and its repetition number. */
export interface PlannedRun {
  readonly run_id: string;
  readonly cell: string;
  readonly run: ScenarioRun;
  readonly rep: number;
  readonly warmup: boolean;
}

export function cellOf(run: ScenarioRun): string {
  return `${run.job}|${run.storage}|${run.fault}`;
}

/** Every combination of the given jobs, storage levels and faults. */
export function matrixRuns(jobs: readonly ScenarioRun['job'][], storages: readonly string[], faults: readonly string[]): ScenarioRun[] {
  const out: ScenarioRun[] = [];
  for (const job of jobs) for (const storage of storages) for (const fault of faults) out.push({ job, storage, fault });
  return out;
}

/**
 * The runs of an experiment: `reps` of each cell in a seeded random order (so slow drift of the machine
 * does not line up with one cell), or in the given order when `shuffle` is false (the seed notebook's
 * sequence), preceded by warm-up runs that are not counted.
 */
export function planRuns(cells: readonly ScenarioRun[], opts: { reps: number; warmups: number; seed: number; shuffle: boolean }): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let rep = 1; rep <= opts.reps; rep++) {
    for (const run of cells) runs.push({ run_id: `${cellOf(run)}#${rep}`, cell: cellOf(run), run, rep, warmup: false });
  }
  const ordered = opts.shuffle ? seededShuffle(runs, opts.seed) : runs;
  const warmups: PlannedRun[] = [];
  for (let i = 0; i < opts.warmups && cells.length > 0; i++) {
    const run = cells[i % cells.length];
    warmups.push({ run_id: `warmup-${i + 1}`, cell: cellOf(run), run, rep: 0, warmup: true });
  }
  return [...warmups, ...ordered];
}
