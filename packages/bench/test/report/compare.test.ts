import { describe, expect, it } from 'vitest';
import type { CellSummary } from '../../src/results/run-record.js';
import { compareCells, compareResults } from '../../src/report/compare.js';
import { ciOverlap, compareStats } from '../../src/report/stat-compare.js';
import { KILL, cell, stat } from './fixtures.js';

const A: CellSummary[] = [
  cell('narrow', 'NONE', 'none', { latency: stat(1000, 950, 1050) }),
  cell('narrow', 'NONE', KILL, { latency: stat(2000, 1900, 2100), recovery: 900 }),
  cell('narrow', 'MEMORY_AND_DISK', 'none', { latency: stat(800, 780, 830) }),
  cell('wide', 'NONE', 'none', { latency: stat(3000, 2900, 3100, 1) }),
  cell('wide', 'DISK_ONLY', 'none', { latency: stat(5000, 4800, 5200) }),
];
const B: CellSummary[] = [
  // 20% faster, CIs apart.
  cell('narrow', 'NONE', 'none', { latency: stat(800, 760, 840) }),
  // 10% slower, CIs apart.
  cell('narrow', 'NONE', KILL, { latency: stat(2200, 2150, 2300), recovery: 1000 }),
  // 1% slower, CIs overlap: noise.
  cell('narrow', 'MEMORY_AND_DISK', 'none', { latency: stat(808, 790, 840), inconclusive: true }),
  // One run in A: no interval to compare.
  cell('wide', 'NONE', 'none', { latency: stat(3300, 3200, 3400) }),
  cell('wide', 'MEMORY_AND_DISK_2', 'none', { latency: stat(2100, 2000, 2200) }),
];

describe('compareStats', () => {
  it('takes B over A and says whether the CIs overlap', () => {
    expect(compareStats(stat(1000, 950, 1050), stat(800, 760, 840))).toEqual({ ratio: 0.8, verdict: 'lower' });
    expect(compareStats(stat(1000, 950, 1050), stat(1200, 1100, 1300))).toEqual({ ratio: 1.2, verdict: 'higher' });
    // Touching intervals overlap.
    expect(ciOverlap(stat(1000, 950, 1050), stat(1100, 1050, 1150))).toBe(true);
    expect(compareStats(stat(1000, 950, 1050), stat(1100, 1050, 1150)).verdict).toBe('overlap');
    expect(compareStats(stat(0, 0, 0), stat(5, 4, 6))).toEqual({ ratio: null, verdict: 'higher' });
    expect(compareStats(stat(1000, 1000, 1000, 1), stat(2000, 1900, 2100)).verdict).toBe('unknown');
  });
});

describe('compareCells', () => {
  it('matches cells by scenario|storage|fault and keeps those found in only one set', () => {
    const rows = compareCells(A, B);
    expect(rows.map((r) => [r.key, r.comparison?.verdict ?? null, r.comparison?.ratio ?? null])).toEqual([
      ['narrow|NONE|none', 'lower', 0.8],
      ['narrow|NONE|kill-executor@50%', 'higher', 1.1],
      ['narrow|MEMORY_AND_DISK|none', 'overlap', 1.01],
      ['wide|NONE|none', 'unknown', 1.1],
      ['wide|DISK_ONLY|none', null, null],
      ['wide|MEMORY_AND_DISK_2|none', null, null],
    ]);
    expect(rows[4].b).toBeNull();
    expect(rows[5].a).toBeNull();
  });

  it('compares another metric on request', () => {
    const rows = compareCells(A, B, 'recovery_ms').filter((r) => r.comparison !== null);
    expect(rows.map((r) => [r.key, r.comparison!.ratio])).toEqual([['narrow|NONE|kill-executor@50%', 1000 / 900]]);
  });
});

describe('compareResults', () => {
  const a = { records: [], cells: A, env: {} };
  const b = { records: [], cells: B, env: {} };

  it('renders a terminal table with medians, B/A and the verdict', () => {
    const text = compareResults(a, b, { labelA: 'v1', labelB: 'v2' });
    const line = (key: string): string => text.split('\n').find((l) => l.startsWith(key))!;
    expect(line('narrow  NONE               none')).toMatch(/1\.00 s \[0\.95, 1\.05\]\s+800 ms \[760, 840\]\s+0\.80×\s+v2 faster: CIs apart$/);
    expect(line('narrow  NONE               kill')).toMatch(/1\.10×\s+v2 slower: CIs apart$/);
    expect(line('narrow  MEMORY_AND_DISK ')).toMatch(/808 ms \[790, 840\] ⚠\s+1\.01×\s+within noise: CIs overlap$/);
    expect(line('wide    NONE')).toMatch(/1\.10×\s+n < 2: no CI$/);
    expect(line('wide    DISK_ONLY')).toMatch(/not run\s+—\s+only in v1$/);
    expect(line('wide    MEMORY_AND_DISK_2')).toMatch(/^wide\s+MEMORY_AND_DISK_2\s+none\s+not run\s+2\.10 s \[2\.00, 2\.20\]\s+—\s+only in v2$/);
    expect(text).toContain('job_latency_ms: v2 against v1 — 2 of 6 cells differ (CIs apart), 1 within noise.');
    expect(text).toContain('⚠: inconclusive');
    expect(text.split('\n').every((l) => l === l.trimEnd())).toBe(true);
  });

  it('renders Markdown as a valid GFM table', () => {
    const md = compareResults(a, b, { format: 'md' });
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows[0]).toBe('| job | storage | fault | A median [95% CI] | B median [95% CI] | B/A | verdict |');
    expect(rows[1]).toBe('| --- | --- | --- | ---: | ---: | ---: | --- |');
    expect(rows[2]).toBe('| narrow | `NONE` | `none` | 1.00 s [0.95, 1.05] | 800 ms [760, 840] | 0.80× | B faster: CIs apart |');
    expect(rows).toHaveLength(2 + 6);
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(9);
  });

  it('skips cells where neither set has the metric', () => {
    const text = compareResults(a, b, { metric: 'recovery_ms' });
    expect(text).toContain('1 of 3 cells differ');
    expect(text).not.toMatch(/^narrow\s+NONE\s+none/m);
  });
});
