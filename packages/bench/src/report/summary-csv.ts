import type { CellSummary, Stat } from '../results/run-record.js';
import { toCsv } from './csv.js';
import { parseCsvByHeader } from './csv-by-header.js';
import { decodeNumber, decodeScalar, encodeScalar, type FieldKinds } from './field-codec.js';

/** Every CellSummary field in the interface's order (the order of summary.csv), typed by kind. */
export const CELL_FIELD_KINDS: FieldKinds<CellSummary> = {
  cell: 'string',
  scenario: 'string',
  storage: 'string',
  fault: 'string',
  runs_ok: 'number',
  runs_failed: 'number',
  job_latency_ms: 'stat',
  throughput_rows_per_s: 'stat',
  detection_ms: 'stat',
  recovery_ms: 'stat',
  recovery_overhead_ms: 'stat',
  recovery_overhead_pct: 'number?',
  tasks_rerun: 'stat',
  partitions_recomputed: 'stat',
  blocks_from_replica: 'stat',
  cached_blocks_lost: 'stat',
  digests_match: 'boolean?',
  inconclusive: 'boolean',
};

/** A Stat is flattened to `<metric>_<suffix>` columns in this order; all empty means the Stat is null. */
export const STAT_SUFFIXES = ['median', 'min', 'max', 'ci_low', 'ci_high', 'n'] as const;
type StatSuffix = (typeof STAT_SUFFIXES)[number];
const STAT_FIELD: Record<StatSuffix, keyof Stat> = { median: 'median', min: 'min', max: 'max', ci_low: 'ci_low', ci_high: 'ci_high', n: 'n' };

const CELL_FIELDS = Object.keys(CELL_FIELD_KINDS) as (keyof CellSummary)[];

/** summary.csv's header. */
export const SUMMARY_COLUMNS: readonly string[] = CELL_FIELDS.flatMap((f) =>
  CELL_FIELD_KINDS[f] === 'stat' ? STAT_SUFFIXES.map((s) => `${f}_${s}`) : [f],
);

export function summaryCsv(cells: readonly CellSummary[]): string {
  const row = (c: CellSummary): string[] =>
    CELL_FIELDS.flatMap((f) => {
      const v = c[f];
      if (CELL_FIELD_KINDS[f] !== 'stat') return [encodeScalar(v as string | number | boolean | null)];
      const stat = v as Stat | null;
      return STAT_SUFFIXES.map((s) => (stat === null ? '' : encodeScalar(stat[STAT_FIELD[s]])));
    });
  return toCsv([SUMMARY_COLUMNS, ...cells.map(row)]);
}

/** CellSummaries from summary.csv text; columns are found by header name (see parseCsvByHeader). */
export function parseSummaryCsv(text: string, where: string): CellSummary[] {
  return parseCsvByHeader(text, where, SUMMARY_COLUMNS, (at, line) => {
    const out: Record<string, unknown> = {};
    for (const f of CELL_FIELDS) {
      const kind = CELL_FIELD_KINDS[f];
      out[f] = kind === 'stat' ? decodeStat(f, at, `${where}:${line}`) : decodeScalar(kind, at(f), `${where}:${line} ${f}`);
    }
    // Every field was decoded by the kind the compiler checked against CellSummary.
    return out as unknown as CellSummary;
  });
}

function decodeStat(metric: string, at: (column: string) => string, where: string): Stat | null {
  const texts = STAT_SUFFIXES.map((s) => at(`${metric}_${s}`));
  if (texts.every((t) => t === '')) return null;
  // A half-filled Stat would render as a misleading figure; refuse it.
  const stat: Partial<Record<keyof Stat, number>> = {};
  STAT_SUFFIXES.forEach((s, i) => {
    stat[STAT_FIELD[s]] = decodeNumber(texts[i], false, `${where} ${metric}_${s}`)!;
  });
  return stat as Stat;
}
