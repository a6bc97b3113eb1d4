import { describe, expect, it } from 'vitest';
import { terminalTable } from '../../src/report/terminal-table.js';
import { KILL, SEED_CELLS, cell, stat } from './fixtures.js';

/** Display width: every character the tables use (box rule, arrows, ✓ ✗ ⚠ ×) takes one column. */
const width = (line: string): number => [...line].length;

describe('terminalTable', () => {
  const text = terminalTable(SEED_CELLS);
  const lines = text.split('\n');

  it('fits 140 columns, with CIs in brackets and units on every figure', () => {
    expect(Math.max(...lines.map(width))).toBeLessThanOrEqual(140);
    const narrowNone = lines.find((l) => l.startsWith('narrow  NONE '))!;
    expect(narrowNone.split(/\s{2,}/)).toEqual(['narrow', 'NONE', '1.20 s [1.15, 1.26]', '1.80 s [1.70, 1.95]', '+600 ms +50%', '350 ms', '1.10 s', '4', '0', '5/5', '✓']);
  });

  it('still fits with the longest storage level name, failed runs and inconclusive cells', () => {
    const long = SEED_CELLS.map((c) => (c.storage === 'MEMORY_AND_DISK_2' ? { ...c, storage: 'MEMORY_AND_DISK_SER_2' } : c));
    expect(Math.max(...terminalTable(long).split('\n').map(width))).toBeLessThanOrEqual(140);
  });

  it('lists failed runs under the table and marks inconclusive cells', () => {
    expect(text).toContain('failed: wide NONE kill-executor@50%: 1 of 5 runs failed');
    expect(lines.find((l) => l.startsWith('wide    MEMORY_AND_DISK_2'))).toContain('2.30 s [1.90, 3.20] ⚠');
  });

  it('has the cache-vs-persist table', () => {
    expect(text).toContain(`cache() vs persist(MEMORY_AND_DISK_2) under ${KILL}`);
    const narrow = lines.filter((l) => l.startsWith('narrow  +'));
    expect(narrow).toHaveLength(1);
    expect(narrow[0].split(/\s{2,}/)).toEqual(['narrow', '+50% (1.20 s → 1.80 s)', '+75% (800 ms → 1.40 s)', '+11% (900 ms → 1.00 s)', '1.13× slower', '0.71× faster']);
  });

  it('adds a fault column when there are several faults', () => {
    const t = terminalTable([...SEED_CELLS, cell('narrow', 'NONE', 'kill-worker@1500ms', { latency: stat(2500, 2400, 2600) })]);
    expect(t.split('\n').find((l) => l.startsWith('job'))).toMatch(/^job\s+storage\s+fault\s+fault-free/);
    expect(t).toContain('Recovery cost — faults: kill-executor@50%, kill-worker@1500ms');
  });
});
