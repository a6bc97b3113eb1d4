/**
 * A percentile-bootstrap confidence interval of the median: resample the runs with replacement,
 * take each resample's median, and read the interval off their distribution. It assumes nothing about
 * the shape of the timings, which on a shared machine are skewed and occasionally bimodal.
 */
import { median, quantileSorted } from './median.js';
import { seededRandom } from './seeded-random.js';

export interface BootstrapOptions {
  /** Default 2000. */
  readonly resamples?: number;
  /** Default 0.95. */
  readonly confidence?: number;
  /** PRNG seed; the same seed and values give the same interval. Default 0x5eed. */
  readonly seed?: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 0x5eed;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export function bootstrapMedianCi(values: readonly number[], opts: BootstrapOptions = {}): Interval {
  if (values.length === 0) throw new RangeError('bootstrap of no values');
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const confidence = opts.confidence ?? 0.95;
  if (!(resamples >= 1) || !(confidence > 0 && confidence < 1)) throw new RangeError('resamples ≥ 1 and 0 < confidence < 1');
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const n = values.length;
  const sample = new Array<number>(n);
  const medians = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = values[Math.floor(random() * n)];
    medians[r] = median(sample);
  }
  medians.sort();
  const alpha = (1 - confidence) / 2;
  const m = median(values);
  // The sample median can fall just outside the percentile interval for tiny, lumpy samples; an
  // interval of the median that excludes the median would only confuse a reader.
  return {
    low: Math.min(quantileSorted(medians, alpha), m),
    high: Math.max(quantileSorted(medians, 1 - alpha), m),
  };
}
