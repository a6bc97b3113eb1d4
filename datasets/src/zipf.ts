/**
 * Zipf-like ranks with exponent 3/4, sampled through the continuous inverse
 * CDF x = (1 + u·((n+1)^¼ − 1))⁴. Exponent ¾ makes the inverse a fourth
 * power, so the per-row draw needs no Math.pow. Rank 0 is the most popular;
 * with n = 50 000 it gets about 1.4% of draws.
 */
export class ZipfRanks {
  private readonly span: number;

  constructor(readonly n: number) {
    this.span = Math.pow(n + 1, 0.25) - 1;
  }

  /** Rank in [0, n) for a uniform u in [0, 1). */
  rank(u: number): number {
    const y = 1 + u * this.span;
    const y2 = y * y;
    const r = Math.floor(y2 * y2) - 1;
    return r < this.n ? r : this.n - 1;
  }

  /** Probability that `rank` returns `r`. */
  weight(r: number): number {
    return (Math.pow(r + 2, 0.25) - Math.pow(r + 1, 0.25)) / this.span;
  }
}
