/** One figure over the runs of a cell: median, range and the bootstrap 95% CI of the median. */
import type { Stat } from '../results/run-record.js';
import { bootstrapMedianCi, type BootstrapOptions } from './bootstrap.js';
import { median, minMax } from './median.js';

/** Null when there is no finite value (a figure no run measured); NaN and ±Infinity are left out. */
export function summarise(values: readonly number[], opts: BootstrapOptions = {}): Stat | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const { min, max } = minMax(finite);
  const ci = bootstrapMedianCi(finite, opts);
  return { n: finite.length, median: median(finite), min, max, ci_low: ci.low, ci_high: ci.high };
}
