import type { CellSummary, RunRecord } from '../results/run-record.js';

/**
 * What env.json holds: the machine, versions and settings of a run, as the runner describes them
 * (results/environment.ts). Any JSON object: `object` rather than a Record so that an interface such as
 * Environment, which has no index signature, is accepted as it is.
 */
export type ResultEnv = object;

/** The runs of a matrix, their per-cell summaries and where they ran: what a result directory holds. */
export interface ResultSet {
  readonly records: readonly RunRecord[];
  readonly cells: readonly CellSummary[];
  readonly env: ResultEnv;
}

/** A result set read back from disk. */
export interface LoadedResultSet extends ResultSet {
  /** The directory, absolute. */
  readonly dir: string;
  /** File names under events/, sorted; empty when the directory has none. */
  readonly events: readonly string[];
}
