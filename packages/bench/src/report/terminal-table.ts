import type { CellSummary } from '../results/run-record.js';
import { cacheVsPersist, type CacheVsPersistTable } from './cache-vs-persist.js';
import { compactTable, type ColumnAlign } from './compact-table.js';
import { faultsOf, summaryRows } from './summary-rows.js';
import {
  INCONCLUSIVE,
  comparisonText,
  digestText,
  latencyText,
  medianCountText,
  medianMsText,
  outcomeText,
  overheadText,
  runsText,
  failedRunsLines,
} from './summary-text.js';

/** The summary for a terminal: the recovery table, the cache-vs-persist tables, and a one-paragraph key. */
export function terminalTable(cells: readonly CellSummary[]): string {
  if (cells.length === 0) return 'No cells in this result set.\n';
  const faults = faultsOf(cells);
  const faultColumn = faults.length > 1;
  const head = ['job', 'storage', ...(faultColumn ? ['fault'] : []), 'fault-free [95% CI]', 'with fault [95% CI]', 'overhead', 'detect', 'recover', 'recomp', 'replica', 'n', 'digest'];
  const align: ColumnAlign[] = ['left', 'left', ...(faultColumn ? (['left'] as const) : []), 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'];
  const rows = summaryRows(cells);
  const body = rows.map((r) => [
    r.scenario,
    r.storage,
    ...(faultColumn ? [r.fault ?? '—'] : []),
    latencyText(r.faultFree, { ci: true }),
    latencyText(r.faulted, { ci: true }),
    overheadText(r, { ci: false }),
    medianMsText(r.faulted?.detection_ms ?? null),
    medianMsText(r.faulted?.recovery_ms ?? null),
    medianCountText(r.faulted?.partitions_recomputed ?? null),
    medianCountText(r.faulted?.blocks_from_replica ?? null),
    runsText(r, { compact: true }),
    digestText(r),
  ]);
  const title = faults.length === 0 ? 'Fault-free runs (no fault injected)' : `Recovery cost — fault${faults.length > 1 ? 's' : ''}: ${faults.join(', ')}`;
  const failed = failedRunsLines(rows).map((l) => `failed: ${l}`);
  const sections = [[`${title}\n`, compactTable(head, align, body), ...failed].join('\n'), ...cacheVsPersist(cells).map(cacheVsPersistTable).filter((s) => s !== '')];
  const key =
    'Medians over successful runs. overhead: faulted latency − fault-free median (and % of it); detect: fault → executor removed; ' +
    'recover: fault → last lost task re-run; recomp: partitions recomputed; replica: blocks read from a replica; ' +
    `n: ok runs fault-free/with fault; digest ✓ results equal the fault-free ones; ${INCONCLUSIVE} inconclusive (too few runs or CI too wide): run more repetitions. ` +
    '_2/cache(): MEMORY_AND_DISK_2 median latency over MEMORY_AND_DISK\'s; faster/slower: the 95% CIs are apart (real), ≈ noise: they overlap.';
  return `${sections.join('\n\n')}\n\n${wrap(key, 100)}\n`;
}

function cacheVsPersistTable(c: CacheVsPersistTable): string {
  if (c.rows.length === 0) return '';
  const opts = { ci: false };
  const body = c.rows.map((r) => [
    r.scenario,
    outcomeText(r.baseline, opts),
    outcomeText(r.cache, opts),
    outcomeText(r.replicated, opts),
    comparisonText(r.faultFree, { short: true }),
    c.fault === null ? '—' : comparisonText(r.withFault, { short: true }),
  ]);
  const table = compactTable(
    ['job', 'NONE (not persisted)', 'cache() MEMORY_AND_DISK', 'persist(MEMORY_AND_DISK_2)', '_2/cache() no fault', '_2/cache() with fault'],
    ['left', 'right', 'right', 'right', 'right', 'right'],
    body,
  );
  const title = c.fault === null ? 'cache() vs persist(MEMORY_AND_DISK_2), fault-free latency' : `cache() vs persist(MEMORY_AND_DISK_2) under ${c.fault}: overhead (fault-free → with fault)`;
  return `${title}\n\n${table}`;
}

/** Words joined into lines of at most `width` characters, so the key reads in a narrow terminal too. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line].join('\n');
}
