import { median, minMax } from '../stats/index.js';

/**
 * A timing's median and range, with every sample kept: `pnpm bench` saves the samples so a reader can
 * see the spread behind a median (medians resist the outliers a shared 2-core machine produces).
 */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export function spread(samples: readonly number[]): Spread {
  return { median: median(samples), ...minMax(samples), samples: [...samples] };
}
