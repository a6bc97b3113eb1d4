import { StorageLevel } from '@sparkbench/core';

/** The fault of a fault-free cell. */
export const NO_FAULT = 'none';

/** The identity of a cell across result sets: `scenario|storage|fault`, from the fields rather than `cell`. */
export function cellKey(c: { readonly scenario: string; readonly storage: string; readonly fault: string }): string {
  return `${c.scenario}|${c.storage}|${c.fault}`;
}

/** Spark's order of storage levels (NONE first); unknown names after them, alphabetically. */
export function compareStorage(a: string, b: string): number {
  const rank = (s: string): number => {
    const i = StorageLevel.ALL_NAMES.indexOf(s.toUpperCase());
    return i < 0 ? StorageLevel.ALL_NAMES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Distinct values in the order they first appear: the runner writes cells in the matrix's order. */
export function firstSeen(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * Cells sorted for display: scenarios in matrix order, storage levels in Spark's order, the fault-free
 * cell before the faults, and the faults in matrix order.
 */
export function orderCells<C extends { readonly scenario: string; readonly storage: string; readonly fault: string }>(cells: readonly C[]): C[] {
  const scenarios = firstSeen(cells.map((c) => c.scenario));
  const faults = firstSeen([NO_FAULT, ...cells.map((c) => c.fault)]);
  return [...cells].sort(
    (x, y) =>
      scenarios.indexOf(x.scenario) - scenarios.indexOf(y.scenario) ||
      compareStorage(x.storage, y.storage) ||
      faults.indexOf(x.fault) - faults.indexOf(y.fault),
  );
}
