import { describe, expect, it } from 'vitest';
import { bootstrapMedianCi } from '../../src/stats/bootstrap.js';
import { median, minMax, quantileSorted } from '../../src/stats/median.js';
import { seededRandom } from '../../src/stats/seeded-random.js';
import { summarise } from '../../src/stats/summarise.js';

describe('order statistics', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });

  it('interpolates quantiles between ranks', () => {
    expect(quantileSorted([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantileSorted([10, 20], 0.75)).toBe(17.5);
    expect(minMax([3, -1, 9, 2])).toEqual({ min: -1, max: 9 });
  });

  it('draws the same uniform sequence from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(xs[0]);
    // Roughly uniform: the mean of 1000 draws is near 1/2.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.05);
  });
});

describe('bootstrap CI of the median', () => {
  const latencies = [412, 398, 430, 405, 980, 401, 415, 399, 408, 421];

  it('contains the median and lies within the sample range', () => {
    const ci = bootstrapMedianCi(latencies);
    const m = median(latencies);
    expect(ci.low).toBeLessThanOrEqual(m);
    expect(ci.high).toBeGreaterThanOrEqual(m);
    expect(ci.low).toBeGreaterThanOrEqual(398);
    expect(ci.high).toBeLessThanOrEqual(980);
    // The one outlier (980) barely moves the median's interval.
    expect(ci.high).toBeLessThan(431);
  });

  it('is reproducible, and depends on the seed', () => {
    expect(bootstrapMedianCi(latencies)).toEqual(bootstrapMedianCi(latencies));
    expect(bootstrapMedianCi(latencies, { seed: 7 })).toEqual(bootstrapMedianCi(latencies, { seed: 7 }));
    const seeds = new Set(Array.from({ length: 10 }, (_, s) => JSON.stringify(bootstrapMedianCi(latencies, { seed: s, resamples: 200 }))));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('narrows as the sample grows', () => {
    const random = seededRandom(1);
    const sample = (n: number) => Array.from({ length: n }, () => 100 + 20 * random());
    const width = (xs: number[]) => {
      const ci = bootstrapMedianCi(xs);
      return ci.high - ci.low;
    };
    expect(width(sample(200))).toBeLessThan(width(sample(8)));
  });

  it('is a point for one value or identical values', () => {
    expect(bootstrapMedianCi([5])).toEqual({ low: 5, high: 5 });
    expect(bootstrapMedianCi([3, 3, 3])).toEqual({ low: 3, high: 3 });
  });
});

describe('summarise', () => {
  it('gives n, median, range and CI', () => {
    const s = summarise([30, 10, 20]);
    expect(s).not.toBeNull();
    expect([s!.n, s!.median, s!.min, s!.max]).toEqual([3, 20, 10, 30]);
    expect(s!.ci_low).toBeLessThanOrEqual(20);
    expect(s!.ci_high).toBeGreaterThanOrEqual(20);
    expect(s!.ci_low).toBeGreaterThanOrEqual(10);
  });

  it('is null without a finite value, and leaves non-finite ones out', () => {
    expect(summarise([])).toBeNull();
    expect(summarise([NaN, Infinity])).toBeNull();
    expect(summarise([NaN, 4, 6])).toMatchObject({ n: 2, median: 5, min: 4, max: 6 });
  });
});
