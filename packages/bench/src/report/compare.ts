import type { CellSummary, Stat } from '../results/run-record.js';
import { cellKey, orderCells } from './cell-order.js';
import { compactTable } from './compact-table.js';
import { code, gfmTable } from './gfm.js';
import type { ResultSet } from './result-set.js';
import { compareStats, type StatComparison } from './stat-compare.js';
import { INCONCLUSIVE } from './summary-text.js';
import { DASH, formatMsStat, formatRatio } from './units.js';

export const COMPARE_FORMATS = ['table', 'md'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** The duration figures two sets can be compared on; all are milliseconds, lower is better. */
export const COMPARE_METRICS = ['job_latency_ms', 'recovery_overhead_ms', 'detection_ms', 'recovery_ms'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];

export interface CompareOptions {
  /** Names of the two sets in headers and verdicts; default A and B. */
  readonly labelA?: string;
  readonly labelB?: string;
  /** Default table. */
  readonly format?: CompareFormat;
  /** Default job_latency_ms. */
  readonly metric?: CompareMetric;
}

/** One cell of either set, matched by scenario|storage|fault. */
export interface CellComparison {
  readonly key: string;
  readonly scenario: string;
  readonly storage: string;
  readonly fault: string;
  readonly a: CellSummary | null;
  readonly b: CellSummary | null;
  /** B against A on the metric; null when either side has no figure. */
  readonly comparison: StatComparison | null;
}

/** Every cell of A and B, in display order (A's matrix order first), with B compared to A. */
export function compareCells(a: readonly CellSummary[], b: readonly CellSummary[], metric: CompareMetric = 'job_latency_ms'): CellComparison[] {
  const byKey = (cells: readonly CellSummary[]): Map<string, CellSummary> => new Map(cells.map((c) => [cellKey(c), c]));
  const inA = byKey(a);
  const inB = byKey(b);
  const keys = orderCells([...a, ...b.filter((c) => !inA.has(cellKey(c)))]);
  return keys.map((k) => {
    const ca = inA.get(cellKey(k)) ?? null;
    const cb = inB.get(cellKey(k)) ?? null;
    const sa = ca?.[metric] ?? null;
    const sb = cb?.[metric] ?? null;
    return { key: cellKey(k), scenario: k.scenario, storage: k.storage, fault: k.fault, a: ca, b: cb, comparison: sa && sb ? compareStats(sa, sb) : null };
  });
}

/**
 * Two result sets side by side, one row per cell: the medians with their CIs, B/A, and whether the CIs
 * overlap — so a reader can tell a real difference (CIs apart) from noise (CIs overlap).
 */
export function compareResults(a: ResultSet, b: ResultSet, opts: CompareOptions = {}): string {
  const labelA = opts.labelA ?? 'A';
  const labelB = opts.labelB ?? 'B';
  const metric = opts.metric ?? 'job_latency_ms';
  const md = (opts.format ?? 'table') === 'md';
  // Cells where neither set has the figure (recovery of a fault-free cell) say nothing.
  const rows = compareCells(a.cells, b.cells, metric).filter((r) => r.a === null || r.b === null || r.a[metric] !== null || r.b[metric] !== null);

  const stat = (c: CellSummary | null, other: CellSummary | null): string => {
    if (c === null) return other === null ? DASH : 'not run';
    const s: Stat | null = c[metric];
    if (s === null) return c.runs_failed > 0 && c.runs_ok === 0 ? 'all failed' : DASH;
    return `${formatMsStat(s, { ci: true, sign: metric === 'recovery_overhead_ms' })}${c.inconclusive ? ` ${INCONCLUSIVE}` : ''}`;
  };
  const words = metric === 'job_latency_ms' ? { lower: 'faster', higher: 'slower' } : { lower: 'lower', higher: 'higher' };
  const verdict = (r: CellComparison): string => {
    if (r.a === null) return `only in ${labelB}`;
    if (r.b === null) return `only in ${labelA}`;
    const cmp = r.comparison;
    if (cmp === null) return DASH;
    switch (cmp.verdict) {
      case 'lower':
        return `${labelB} ${words.lower}: CIs apart`;
      case 'higher':
        return `${labelB} ${words.higher}: CIs apart`;
      case 'overlap':
        return 'within noise: CIs overlap';
      case 'unknown':
        return 'n < 2: no CI';
    }
  };
  const head = ['job', 'storage', 'fault', `${labelA} median [95% CI]`, `${labelB} median [95% CI]`, `${labelB}/${labelA}`, 'verdict'];
  const body = rows.map((r) => [
    r.scenario,
    md ? code(r.storage) : r.storage,
    md ? code(r.fault) : r.fault,
    stat(r.a, r.b),
    stat(r.b, r.a),
    r.comparison?.ratio == null ? DASH : formatRatio(r.comparison.ratio),
    verdict(r),
  ]);
  const count = (v: string): number => rows.filter((r) => r.comparison?.verdict === v).length;
  const tally = `${count('lower') + count('higher')} of ${rows.length} cells differ (CIs apart), ${count('overlap')} within noise.`;
  const title = `${metric}: ${labelB} against ${labelA}`;
  const key = `Medians over successful runs with the 95% CI of the median. CIs apart: the difference is real; CIs overlap: these runs cannot tell ${labelA} and ${labelB} apart.${
    rows.some((r) => r.a?.inconclusive || r.b?.inconclusive) ? ` ${INCONCLUSIVE}: inconclusive (too few runs or CI too wide), run more repetitions.` : ''
  }`;
  if (md) {
    const table = gfmTable(head, body, ['left', 'left', 'left', 'right', 'right', 'right', 'left']);
    return `## ${code(metric)}: ${labelB} against ${labelA}\n\n${tally}\n\n${table}\n\n${key}\n`;
  }
  const table = compactTable(head, ['left', 'left', 'left', 'right', 'right', 'right', 'left'], body);
  return `${title} — ${tally}\n\n${table}\n\n${key}\n`;
}
