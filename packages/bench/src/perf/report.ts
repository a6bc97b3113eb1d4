import Table from 'cli-table3';
import type { ClusterResult } from './cluster.js';
import type { MacroResult } from './macro.js';
import type { MemoryCheck } from './memory.js';
import type { MicroReport } from './micro.js';

const plain = { style: { head: [], border: [] } };

function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function macroTable(m: MacroResult): string {
  const t = new Table({
    ...plain,
    head: ['job', 'engine ms median (min–max)', 'DuckDB ms median (min–max)', 'engine/DuckDB', 'per-rep ratios', 'CPU-time ratio', 'target', 'result'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const j of m.jobs) {
    t.push([
      j.job,
      `${ms(j.engine.median)} (${ms(j.engine.min)}–${ms(j.engine.max)})`,
      `${ms(j.duckdb.median)} (${ms(j.duckdb.min)}–${ms(j.duckdb.max)})`,
      `${j.ratio.toFixed(2)}×`,
      `${j.pairedRatios.min.toFixed(2)}–${j.pairedRatios.max.toFixed(2)}×`,
      `${j.cpuRatio.toFixed(2)}×`,
      `≤ ${j.target}×`,
      j.pass ? 'PASS' : 'MISS',
    ]);
  }
  return t.toString();
}

export function memoryTable(c: MemoryCheck, benchPeakRss: number): string {
  const t = new Table({ ...plain, colAligns: ['left', 'right'] });
  t.push(
    [`cached purchases (MEMORY_ONLY, ${c.cachedPartitions}/${c.partitions} partitions, ${c.purchases} rows)`, mib(c.cachedBytes)],
    ['engine process RSS: bare Node → session up', `${mib(c.rssAtStart)} → ${mib(c.rssSessionStarted)}`],
    ['engine process peak RSS after read + inferSchema', mib(c.peakRssAfterRead)],
    ['engine process peak RSS (read, cache, wide + narrow from cache)', mib(c.peakRss)],
    [`peak RSS / cached size (target ≤ ${c.target}×)`, `${c.ratio.toFixed(1)}× ${c.pass ? 'PASS' : 'MISS'}`],
    ['(peak RSS − session-up RSS) / cached size', `${c.ratioAboveSession.toFixed(1)}×`],
    ['benchmark process peak RSS (everything it ran: engine, DuckDB, cluster drivers, micro; for reference)', mib(benchPeakRss)],
  );
  return t.toString();
}

export function microTable(r: MicroReport): string {
  const t = new Table({
    ...plain,
    head: ['micro-benchmark', 'median ms', 'min–max', 'n', 'throughput'],
    colAligns: ['left', 'right', 'right', 'right', 'right'],
  });
  for (const x of r.results) {
    const rate = x.unit === 'MB/s' ? x.throughput.toFixed(1) : `${(x.throughput / 1000).toFixed(0)}k`;
    t.push([x.name, ms(x.medianMs), `${ms(x.minMs)}–${ms(x.maxMs)}`, String(x.samples), `${rate} ${x.unit}`]);
  }
  // Skips go below the table: a spanning cell would stretch every column to the reason's width.
  return [t.toString(), ...r.skipped.map((s) => `skipped: ${s.name} — ${s.reason}`)].join('\n');
}

export function clusterTable(r: ClusterResult): string {
  const t = new Table({
    ...plain,
    head: ['job', 'cluster figure', 'median (min–max)', 'n', 'target', 'result', 'from'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
  });
  for (const f of r.figures) {
    // Event-log times are whole milliseconds.
    const num = (x: number) => (f.unit === 'ms' ? x.toFixed(0) : x.toFixed(2));
    const show = (x: number) => `${num(x)}${f.unit === 'ms' ? ' ms' : '×'}`;
    const range = f.samples === null ? '' : ` (${num(f.samples.min)}–${show(f.samples.max)})`;
    t.push([
      f.job,
      f.name,
      f.value === null ? '—' : `${show(f.value)}${range}`,
      `${f.measured}/${f.expected}`,
      `${f.comparison} ${f.unit === 'ms' ? `${f.target} ms` : `${f.target}×`}`,
      f.value === null ? 'NONE' : f.pass ? 'PASS' : 'MISS',
      f.detail,
    ]);
  }
  const lines = [t.toString()];
  if (r.problems.length > 0) lines.push(...r.problems.map((p) => `cluster problem: ${p}`));
  lines.push(`cluster event logs: ${r.eventLogDir}`);
  return lines.join('\n');
}
