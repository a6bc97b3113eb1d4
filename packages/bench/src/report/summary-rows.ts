import type { CellSummary } from '../results/run-record.js';
import { NO_FAULT, compareStorage, firstSeen } from './cell-order.js';

/**
 * One row of the summary table: a scenario at a storage level under one fault, next to the same
 * scenario and level without a fault — the baseline the recovery overhead is measured against.
 */
export interface SummaryRow {
  readonly scenario: string;
  readonly storage: string;
  /** The fault, or null for a scenario and level that ran only fault-free. */
  readonly fault: string | null;
  readonly faultFree: CellSummary | null;
  readonly faulted: CellSummary | null;
}

/** The faults of a matrix (not `none`), in matrix order. */
export function faultsOf(cells: readonly CellSummary[]): string[] {
  return firstSeen(cells.map((c) => c.fault)).filter((f) => f !== NO_FAULT);
}

/** One row per scenario × storage × fault, in display order; fault-free-only pairs get one row. */
export function summaryRows(cells: readonly CellSummary[]): SummaryRow[] {
  const faults = faultsOf(cells);
  const rows: SummaryRow[] = [];
  for (const scenario of firstSeen(cells.map((c) => c.scenario))) {
    const ofScenario = cells.filter((c) => c.scenario === scenario);
    for (const storage of firstSeen(ofScenario.map((c) => c.storage)).sort(compareStorage)) {
      const here = ofScenario.filter((c) => c.storage === storage);
      const faultFree = here.find((c) => c.fault === NO_FAULT) ?? null;
      const faulted = faults.flatMap((f) => here.filter((c) => c.fault === f));
      if (faulted.length === 0) rows.push({ scenario, storage, fault: null, faultFree, faulted: null });
      for (const c of faulted) rows.push({ scenario, storage, fault: c.fault, faultFree, faulted: c });
    }
  }
  return rows;
}
