/** Medians, seeded bootstrap intervals, and the per-cell summary of a result set. */
export { median, minMax, quantileSorted } from './median.js';
export { seededRandom } from './seeded-random.js';
export { bootstrapMedianCi, DEFAULT_RESAMPLES, DEFAULT_SEED, type BootstrapOptions, type Interval } from './bootstrap.js';
export { summarise } from './summarise.js';
export { summariseCells, NO_FAULT, type CellsSummary, type SummariseCellsOptions } from './summarise-cells.js';
