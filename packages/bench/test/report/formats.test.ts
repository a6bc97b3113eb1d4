import { describe, expect, it } from 'vitest';
import { renderResults } from '../../src/report/formats.js';
import { markdownSummary } from '../../src/report/markdown-summary.js';
import { terminalTable } from '../../src/report/terminal-table.js';
import { SUMMARY_COLUMNS, parseSummaryCsv } from '../../src/report/summary-csv.js';
import { SEED_CELLS, TRICKY_RECORDS } from './fixtures.js';

const set = { records: TRICKY_RECORDS, cells: SEED_CELLS, env: { cores: 4 } };

describe('renderResults', () => {
  it('table and md are the terminal and Markdown summaries', () => {
    expect(renderResults(set, 'table')).toBe(terminalTable(SEED_CELLS));
    expect(renderResults(set, 'md')).toBe(markdownSummary(SEED_CELLS, { cores: 4 }));
  });

  it('csv is summary.csv', () => {
    const csv = renderResults(set, 'csv');
    expect(csv.split('\n')[0]).toBe(SUMMARY_COLUMNS.join(','));
    expect(parseSummaryCsv(csv, 'stdout')).toEqual(SEED_CELLS);
  });

  it('json is one object with env, cells and records', () => {
    expect(JSON.parse(renderResults(set, 'json'))).toEqual({ env: { cores: 4 }, cells: SEED_CELLS, records: TRICKY_RECORDS });
  });
});
