import type { Stat } from '../results/run-record.js';

/** What a table shows for a figure that does not exist (no fault, no run, no replica). */
export const DASH = '—';

/** A unit and a precision picked from one reference value, so a median and its CI read alike. */
interface MsScale {
  readonly divisor: number;
  readonly unit: 'ms' | 's';
  readonly decimals: number;
}

// About three significant figures: enough to compare cells, few enough to read at a glance.
function msScale(reference: number): MsScale {
  const a = Math.abs(reference);
  if (a >= 1000) {
    const s = a / 1000;
    return { divisor: 1000, unit: 's', decimals: s < 10 ? 2 : s < 100 ? 1 : 0 };
  }
  return { divisor: 1, unit: 'ms', decimals: a < 10 ? 1 : 0 };
}

function fixed(value: number, decimals: number, sign: boolean): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(decimals);
  // toFixed keeps the sign of a value that rounds to zero ("-0.0"); a zero has no sign.
  if (Number(text) === 0) return (0).toFixed(decimals);
  return sign && value > 0 ? `+${text}` : text;
}

export interface FormatOptions {
  /** Prefix positive values with +, for differences such as an overhead. */
  readonly sign?: boolean;
}

/** 850 ms, 1.23 s, 12.3 s. */
export function formatMs(ms: number, opts: FormatOptions = {}): string {
  const s = msScale(ms);
  return `${fixed(ms / s.divisor, s.decimals, opts.sign ?? false)} ${s.unit}`;
}

/** The median, and with `ci` the 95% CI in brackets in the median's unit: `1.23 s [1.10, 1.40]`. */
export function formatMsStat(stat: Stat, opts: FormatOptions & { readonly ci?: boolean } = {}): string {
  const s = msScale(stat.median);
  const f = (v: number): string => fixed(v / s.divisor, s.decimals, opts.sign ?? false);
  const median = `${f(stat.median)} ${s.unit}`;
  return opts.ci ? `${median} [${f(stat.ci_low)}, ${f(stat.ci_high)}]` : median;
}

/** A percentage given in percent (46 → +46%): one decimal below 10 so small overheads do not read as 0. */
export function formatPct(pct: number, opts: FormatOptions = {}): string {
  return `${fixed(pct, Math.abs(pct) < 10 ? 1 : 0, opts.sign ?? false)}%`;
}

/** A count's median: whole numbers as such, a median between two counts with one decimal. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A ratio such as B/A: 0.82×. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(ratio >= 10 ? 1 : 2)}×`;
}
