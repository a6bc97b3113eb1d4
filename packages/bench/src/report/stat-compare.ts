import type { Stat } from '../results/run-record.js';

/**
 * How B's median relates to A's. `apart` means the two 95% CIs do not overlap: the difference is real
 * (non-overlap is the stricter test, so a real difference can still show as overlapping). With fewer
 * than two runs on a side there is no interval to compare, and the verdict is `unknown`.
 */
export type Verdict = 'lower' | 'higher' | 'overlap' | 'unknown';

export interface StatComparison {
  /** B's median over A's; null when A's median is 0. */
  readonly ratio: number | null;
  readonly verdict: Verdict;
}

export function ciOverlap(a: Stat, b: Stat): boolean {
  return a.ci_low <= b.ci_high && b.ci_low <= a.ci_high;
}

export function compareStats(a: Stat, b: Stat): StatComparison {
  const ratio = a.median === 0 ? null : b.median / a.median;
  if (a.n < 2 || b.n < 2) return { ratio, verdict: 'unknown' };
  if (ciOverlap(a, b)) return { ratio, verdict: 'overlap' };
  return { ratio, verdict: b.ci_low > a.ci_high ? 'higher' : 'lower' };
}
