import type { CellSummary } from '../results/run-record.js';
import { cacheVsPersist, type CacheVsPersistTable } from './cache-vs-persist.js';
import { code, gfmTable, type Align } from './gfm.js';
import type { ResultEnv } from './result-set.js';
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
} from './summary-text.js';

const WITH_CI = { ci: true } as const;

/**
 * summary.md: what a person pastes into a report. The recovery table answers "what does the fault cost
 * each job at each storage level", the cache-vs-persist table "is a replica worth it", the legend says
 * how every figure was computed, and the environment says where it was measured.
 */
export function markdownSummary(cells: readonly CellSummary[], env: ResultEnv = {}): string {
  if (cells.length === 0) return '## Recovery cost by job and storage level\n\nNo cells in this result set.\n';
  const parts = [recoverySection(cells), ...cacheVsPersist(cells).map(cacheVsPersistSection), legend(), environment(env)];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

function recoverySection(cells: readonly CellSummary[]): string {
  const faults = faultsOf(cells);
  // One fault: name it once above the table. Several: each row says which.
  const faultColumn = faults.length > 1;
  const head = [
    'job',
    'storage',
    ...(faultColumn ? ['fault'] : []),
    'fault-free latency',
    'latency with fault',
    'recovery overhead',
    'detection',
    'recovery',
    'partitions recomputed',
    'blocks from replica',
    'n',
    'digests',
  ];
  const align: Align[] = ['left', 'left', ...(faultColumn ? (['left'] as const) : []), ...Array<Align>(8).fill('right'), 'left'];
  const rows = summaryRows(cells).map((r) => [
    r.scenario,
    code(r.storage),
    ...(faultColumn ? [r.fault === null ? '—' : code(r.fault)] : []),
    latencyText(r.faultFree, WITH_CI),
    latencyText(r.faulted, WITH_CI),
    overheadText(r, WITH_CI),
    medianMsText(r.faulted?.detection_ms ?? null),
    medianMsText(r.faulted?.recovery_ms ?? null),
    medianCountText(r.faulted?.partitions_recomputed ?? null),
    medianCountText(r.faulted?.blocks_from_replica ?? null),
    runsText(r),
    digestText(r),
  ]);
  const intro =
    faults.length === 0
      ? 'No fault was injected: fault-free latencies only.'
      : faults.length === 1
        ? `Fault: ${code(faults[0])}.`
        : `Faults: ${faults.map(code).join(', ')}.`;
  return [
    '## Recovery cost by job and storage level',
    `${intro} Latencies are medians over the successful runs with the 95% CI of the median in brackets.`,
    gfmTable(head, rows, align),
  ].join('\n\n');
}

function cacheVsPersistSection(t: CacheVsPersistTable): string {
  if (t.rows.length === 0) return '';
  const head = [
    'job',
    '`NONE` (not persisted)',
    '`cache()` = `MEMORY_AND_DISK`',
    '`persist(MEMORY_AND_DISK_2)`',
    '`_2` vs `cache()`, fault-free',
    '`_2` vs `cache()`, with fault',
  ];
  const opts = { ci: t.fault === null };
  const rows = t.rows.map((r) => [
    r.scenario,
    outcomeText(r.baseline, opts),
    outcomeText(r.cache, opts),
    outcomeText(r.replicated, opts),
    comparisonText(r.faultFree),
    t.fault === null ? '—' : comparisonText(r.withFault),
  ]);
  const what =
    t.fault === null
      ? 'Median fault-free latency per level (no fault was injected).'
      : `Recovery overhead under ${code(t.fault)} as a share of the fault-free latency, then the median latencies (fault-free → with the fault).`;
  return [
    `## \`cache()\` vs \`persist(MEMORY_AND_DISK_2)\`${t.fault === null ? '' : ` under ${code(t.fault)}`}`,
    `${what} \`cache()\` is Spark's Dataset default, \`MEMORY_AND_DISK\`; \`MEMORY_AND_DISK_2\` keeps a second copy of each block on another executor. The last two columns give \`MEMORY_AND_DISK_2\`'s median latency over \`cache()\`'s: without the fault (what the copy costs) and with it (what it saves).`,
    gfmTable(head, rows, ['left', 'right', 'right', 'right', 'right', 'right']),
  ].join('\n\n');
}

function legend(): string {
  return [
    '### Legend',
    '',
    '- **latency**: the measured job, JobStart → JobEnd, median over the successful runs; `[low, high]` is the 95% bootstrap CI of the median.',
    '- **recovery overhead**: a faulted run\'s latency minus the median fault-free latency of the same job and storage level, median over runs; the percentage is the median overhead over that fault-free median.',
    '- **detection**: fault → executor removed. **recovery**: fault → the last lost task re-run successfully. **partitions recomputed**, **blocks from replica**: per faulted run, median.',
    '- **n**: successful runs fault-free / with the fault; failed runs in parentheses.',
    '- **digests**: ✓ every result equals the fault-free result; ✗ at least one differed (a wrong answer); — nothing to compare.',
    `- ${INCONCLUSIVE}: inconclusive, too few successful runs or a CI too wide for the median to be trusted; run more repetitions.`,
    '- **CIs apart**: the two 95% CIs do not overlap, so the difference is real. **CIs overlap**: these runs cannot tell the two apart.',
  ].join('\n');
}

/** Scalars of env.json as a list; nested values are summarised when short, otherwise referred to env.json. */
function environment(env: ResultEnv): string {
  const entries = Object.entries(env);
  if (entries.length === 0) return '';
  const value = (v: unknown): string => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return code(String(v));
    const json = JSON.stringify(v);
    return json !== undefined && json.length <= 80 ? code(json) : '(see env.json)';
  };
  return ['### Environment', '', ...entries.map(([k, v]) => `- ${k}: ${value(v).replace(/\r?\n/g, ' ')}`)].join('\n');
}
