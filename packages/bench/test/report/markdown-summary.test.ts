import { describe, expect, it } from 'vitest';
import { markdownSummary } from '../../src/report/markdown-summary.js';
import { KILL, SEED_CELLS, cell, stat } from './fixtures.js';

/** The GFM tables of a document: runs of lines starting with `|`, split into cells on unescaped pipes. */
function tables(md: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) {
      if (current === null) out.push((current = []));
      current.push(splitRow(line));
    } else {
      current = null;
    }
  }
  return out;
}

function splitRow(line: string): string[] {
  expect(line.endsWith('|')).toBe(true);
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** What GitHub needs to render a table: a delimiter row, and every row as wide as the header. */
function expectValidGfm(table: string[][]): void {
  const [head, delimiter, ...rows] = table;
  expect(delimiter.length).toBe(head.length);
  for (const d of delimiter) expect(d).toMatch(/^:?-{3,}:?$/);
  for (const r of rows) expect(r.length).toBe(head.length);
}

describe('markdownSummary', () => {
  const md = markdownSummary(SEED_CELLS, { git_commit: 'abc123', cores: 4, settings: { reps: 5 } });
  const [recovery, cacheVsPersist] = tables(md);

  it('renders valid GFM tables only', () => {
    expect(tables(md)).toHaveLength(2);
    tables(md).forEach(expectValidGfm);
  });

  it('has one recovery row per scenario × storage, in Spark order, with the figures', () => {
    expect(recovery[0]).toEqual([
      'job', 'storage', 'fault-free latency', 'latency with fault', 'recovery overhead', 'detection', 'recovery',
      'partitions recomputed', 'blocks from replica', 'n', 'digests',
    ]);
    const rows = recovery.slice(2);
    expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual([
      'narrow `NONE`', 'narrow `MEMORY_AND_DISK`', 'narrow `MEMORY_AND_DISK_2`',
      'wide `NONE`', 'wide `MEMORY_AND_DISK`', 'wide `MEMORY_AND_DISK_2`',
    ]);
    expect(rows[0]).toEqual(['narrow', '`NONE`', '1.20 s [1.15, 1.26]', '1.80 s [1.70, 1.95]', '+600 ms [+480, +720] (+50%)', '350 ms', '1.10 s', '4', '0', '5 / 5', '✓']);
    expect(rows[2]).toEqual(['narrow', '`MEMORY_AND_DISK_2`', '900 ms [870, 940]', '1.00 s [0.95, 1.08]', '+100 ms [+60, +150] (+11%)', '360 ms', '200 ms', '0', '4', '5 / 5', '✓']);
    // A failed run and a wrong answer are visible in the row.
    expect(rows[3].slice(-2)).toEqual(['5 / 4 (1 failed)', '✗']);
    expect(md).toContain('Fault: `kill-executor@50%`.');
  });

  it('marks inconclusive cells with ⚠', () => {
    const wide2 = recovery[7];
    expect(wide2[3]).toBe('2.30 s [1.90, 3.20] ⚠');
    expect(wide2[4]).toBe('+200 ms [-100, +1100] (+9.5%) ⚠');
    expect(wide2[2]).toBe('2.10 s [2.00, 2.20]');
    expect(recovery.slice(2, 7).flat().join(' ')).not.toContain('⚠');
  });

  it('puts cache() and persist(MEMORY_AND_DISK_2) side by side, NONE as baseline, overhead as a percentage', () => {
    expect(md).toContain('## `cache()` vs `persist(MEMORY_AND_DISK_2)` under `kill-executor@50%`');
    expect(cacheVsPersist[0]).toEqual(['job', '`NONE` (not persisted)', '`cache()` = `MEMORY_AND_DISK`', '`persist(MEMORY_AND_DISK_2)`', '`_2` vs `cache()`, fault-free', '`_2` vs `cache()`, with fault']);
    expect(cacheVsPersist.slice(2)).toEqual([
      ['narrow', '+50% (1.20 s → 1.80 s)', '+75% (800 ms → 1.40 s)', '+11% (900 ms → 1.00 s)', '1.13× slower, CIs apart', '0.71× faster, CIs apart'],
      ['wide', '+50% (3.00 s → 4.50 s)', '+55% (2.00 s → 3.10 s)', '+9.5% (2.10 s → 2.30 s) ⚠', '1.05× within noise, CIs overlap', '0.74× within noise, CIs overlap'],
    ]);
  });

  it('ends with a legend and the environment', () => {
    expect(md).toContain('### Legend');
    expect(md).toMatch(/- ⚠: inconclusive/);
    expect(md).toContain('- git_commit: `abc123`');
    expect(md).toContain('- settings: `{"reps":5}`');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('adds a fault column and one cache-vs-persist table per fault when there are several faults', () => {
    const pause = 'pause-executor:for=3s@2s';
    const cells = [
      ...SEED_CELLS,
      cell('narrow', 'MEMORY_AND_DISK', pause, { latency: stat(3900, 3800, 4000), overhead: stat(3100, 3000, 3200), pct: 387 }),
    ];
    const all = tables(markdownSummary(cells));
    all.forEach(expectValidGfm);
    expect(all).toHaveLength(3);
    expect(all[0][0][2]).toBe('fault');
    const narrowCache = all[0].slice(2).filter((r) => r[0] === 'narrow' && r[1] === '`MEMORY_AND_DISK`');
    expect(narrowCache.map((r) => r[2])).toEqual(['`kill-executor@50%`', '`pause-executor:for=3s@2s`']);
    // Under the pause only narrow cache() ran: the other levels show their fault-free latency, wide is left out.
    expect(all[2].slice(2)).toEqual([
      ['narrow', '1.20 s (no faulted run)', '+387% (800 ms → 3.90 s)', '900 ms (no faulted run)', '1.13× slower, CIs apart', '—'],
    ]);
  });

  it('shows fault-free latencies when no fault was injected', () => {
    const md0 = markdownSummary(SEED_CELLS.filter((c) => c.fault === 'none'));
    const all = tables(md0);
    all.forEach(expectValidGfm);
    expect(md0).toContain('No fault was injected');
    expect(all[0][2]).toEqual(['narrow', '`NONE`', '1.20 s [1.15, 1.26]', '—', '—', '—', '—', '—', '—', '5', '✓']);
    expect(all[1].slice(2)[0]).toEqual(['narrow', '1.20 s [1.15, 1.26]', '800 ms [780, 830]', '900 ms [870, 940]', '1.13× slower, CIs apart', '—']);
  });

  it('leaves the cache-vs-persist section out when neither level ran', () => {
    const md0 = markdownSummary(SEED_CELLS.filter((c) => c.storage === 'NONE'));
    expect(tables(md0)).toHaveLength(1);
    expect(md0).not.toContain('persist(MEMORY_AND_DISK_2)`');
  });

  it('keeps the table intact when names contain pipes or line breaks, and says when all runs failed', () => {
    const cells = [
      cell('a|b', 'NONE', 'none', { latency: stat(100, 90, 110) }),
      cell('a|b', 'NONE', 'kill\nx', { latency: null, ok: 0, failed: 3, digests: null }),
    ];
    const [t] = tables(markdownSummary(cells));
    expectValidGfm(t);
    expect(t[2][0]).toBe('a\\|b');
    expect(t[2][3]).toBe('all failed');
    expect(t[2][9]).toBe('5 / 0 (3 failed)');
  });

  it('says so for an empty set', () => {
    expect(markdownSummary([])).toContain('No cells');
  });
});

describe('markdownSummary fixture sanity', () => {
  it('uses the kill fault for every faulted seed cell', () => {
    expect(new Set(SEED_CELLS.map((c) => c.fault))).toEqual(new Set(['none', KILL]));
  });
});
