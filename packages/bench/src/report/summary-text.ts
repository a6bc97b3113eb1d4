import type { CellSummary, Stat } from '../results/run-record.js';
import type { StatComparison } from './stat-compare.js';
import type { SummaryRow } from './summary-rows.js';
import { DASH, formatCount, formatMs, formatMsStat, formatPct, formatRatio } from './units.js';

/**
 * The text of each summary figure, shared by the Markdown and the terminal tables so both say the same
 * thing; `ci` switches the confidence intervals on (Markdown has room for them everywhere, a terminal not).
 */
export interface TextOptions {
  readonly ci: boolean;
}

export const INCONCLUSIVE = '⚠';

const mark = (text: string, ...cells: (CellSummary | null)[]): string =>
  cells.some((c) => c?.inconclusive === true) ? `${text} ${INCONCLUSIVE}` : text;

/** A cell's median job latency with its CI; `all failed` when no run finished. */
export function latencyText(cell: CellSummary | null, opts: TextOptions): string {
  if (cell === null) return DASH;
  if (cell.job_latency_ms === null) return cell.runs_failed > 0 ? 'all failed' : DASH;
  return mark(formatMsStat(cell.job_latency_ms, { ci: opts.ci }), cell);
}

/** Median extra latency the fault cost, with its CI when asked, and as a share of the fault-free latency. */
export function overheadText(row: SummaryRow, opts: TextOptions): string {
  const c = row.faulted;
  if (c === null) return DASH;
  const ms = c.recovery_overhead_ms === null ? null : formatMsStat(c.recovery_overhead_ms, { sign: true, ci: opts.ci });
  const pct = c.recovery_overhead_pct === null ? null : formatPct(c.recovery_overhead_pct, { sign: true });
  if (ms === null && pct === null) return DASH;
  const text = ms !== null && pct !== null ? (opts.ci ? `${ms} (${pct})` : `${ms} ${pct}`) : (ms ?? pct!);
  return mark(text, row.faultFree, c);
}

/** A duration's median (detection, recovery). */
export function medianMsText(stat: Stat | null): string {
  return stat === null ? DASH : formatMs(stat.median);
}

/** A count's median (partitions recomputed, blocks read from a replica). */
export function medianCountText(stat: Stat | null): string {
  return stat === null ? DASH : formatCount(stat.median);
}

/**
 * `fault-free ok / with-fault ok`, failed runs in parentheses: `5 / 4 (1 failed)`. `compact` drops the
 * failures (`5/4`) for a terminal, which lists them under the table instead.
 */
export function runsText(row: SummaryRow, opts: { readonly compact?: boolean } = {}): string {
  const one = (c: CellSummary | null): string =>
    c === null ? DASH : `${c.runs_ok}${c.runs_failed > 0 && opts.compact !== true ? ` (${c.runs_failed} failed)` : ''}`;
  if (row.fault === null) return one(row.faultFree);
  return opts.compact === true ? `${one(row.faultFree)}/${one(row.faulted)}` : `${one(row.faultFree)} / ${one(row.faulted)}`;
}

/** `wide MEMORY_AND_DISK kill-executor@50%: 1 of 5 runs failed` for every cell with a failed run. */
export function failedRunsLines(rows: readonly SummaryRow[]): string[] {
  const cells = rows.flatMap((r) => [r.faultFree, r.faulted]).filter((c): c is CellSummary => c !== null && c.runs_failed > 0);
  return [...new Set(cells)].map((c) => `${c.scenario} ${c.storage} ${c.fault}: ${c.runs_failed} of ${c.runs_ok + c.runs_failed} runs failed`);
}

/** ✗ if any run's result differed from the fault-free result, ✓ if all compared equal, — if none compared. */
export function digestText(row: SummaryRow): string {
  const flags = [row.faultFree?.digests_match, row.faulted?.digests_match].filter((f) => f !== null && f !== undefined);
  if (flags.length === 0) return DASH;
  return flags.every((f) => f) ? '✓' : '✗';
}

/**
 * One storage level in the cache-vs-persist table: the overhead first (the question asked), then the
 * latencies it comes from: `+50% (1.20 s → 1.80 s)`. Without a faulted run, the fault-free latency.
 */
export function outcomeText(row: SummaryRow | null, opts: TextOptions): string {
  if (row === null) return DASH;
  const ff = row.faultFree?.job_latency_ms ?? null;
  const c = row.faulted;
  if (c === null) return ff === null ? DASH : mark(`${formatMsStat(ff, { ci: opts.ci })}${row.fault === null ? '' : ' (no faulted run)'}`, row.faultFree);
  const to = c.job_latency_ms === null ? (c.runs_failed > 0 ? 'all failed' : DASH) : formatMs(c.job_latency_ms.median);
  const path = `${ff === null ? DASH : formatMs(ff.median)} → ${to}`;
  const text = c.recovery_overhead_pct === null ? path : `${formatPct(c.recovery_overhead_pct, { sign: true })} (${path})`;
  return mark(text, row.faultFree, c);
}

/** Words for B's median being below or above A's: `faster`/`slower` for latencies. */
export interface DirectionWords {
  readonly lower: string;
  readonly higher: string;
}

const LATENCY_WORDS: DirectionWords = { lower: 'faster', higher: 'slower' };

/**
 * B against A in words a reader can act on: `0.82× faster, CIs apart`. `short` is for a terminal:
 * `0.82× faster` when the CIs are apart, `1.05× ≈ noise` when they overlap.
 */
export function comparisonText(cmp: StatComparison | null, opts: { readonly words?: DirectionWords; readonly short?: boolean } = {}): string {
  if (cmp === null) return DASH;
  const words = opts.words ?? LATENCY_WORDS;
  const short = opts.short === true;
  const ratio = cmp.ratio === null ? DASH : formatRatio(cmp.ratio);
  switch (cmp.verdict) {
    case 'lower':
      return short ? `${ratio} ${words.lower}` : `${ratio} ${words.lower}, CIs apart`;
    case 'higher':
      return short ? `${ratio} ${words.higher}` : `${ratio} ${words.higher}, CIs apart`;
    case 'overlap':
      return short ? `${ratio} ≈ noise` : `${ratio} within noise, CIs overlap`;
    case 'unknown':
      return short ? `${ratio} n<2` : `${ratio} (n < 2, no CI)`;
  }
}
