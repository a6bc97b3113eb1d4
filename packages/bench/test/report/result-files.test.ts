import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_COLUMNS } from '../../src/results/run-record.js';
import { readResults, writeResults, listEventLogs, RESULT_FILES } from '../../src/report/result-files.js';
import { ResultFileError } from '../../src/report/result-file-error.js';
import { RUN_COLUMN_KINDS } from '../../src/report/results-csv.js';
import { SUMMARY_COLUMNS } from '../../src/report/summary-csv.js';
import { csvField, parseCsv } from '../../src/report/csv.js';
import { SEED_CELLS, TRICKY_RECORDS } from './fixtures.js';

const ENV = { sparkbench_version: '0.1.0', git_commit: null, cores: 4, dataset: { path: '/d/events.csv', rows: 1000, seed: 42, bytes: 1234 } };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sparkbench-report-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeResults → readResults', () => {
  it('round-trips records exactly: numbers, nulls, booleans, quoted text', () => {
    writeResults(dir, { records: TRICKY_RECORDS, cells: SEED_CELLS, env: ENV });
    const back = readResults(dir);
    expect(back.records).toEqual(TRICKY_RECORDS);
    expect(back.records[2].failure_reason).toBe('Job aborted, "stage 2" failed:\nExecutorLostFailure (executor 1 exited)\r\n  at a, b');
    expect(back.records[2].job_latency_ms).toBeNull();
    expect(back.records[2].digest_matches).toBe(false);
    expect(back.records[1].digest_matches).toBe(true);
    expect(back.records[0].digest_matches).toBeNull();
    expect(back.records[1].recovery_overhead_ms).toBe(-12.5);
    expect(back.records[0].throughput_mb_per_s).toBe(71.00350281);
  });

  it('round-trips cells, with null Stats and a null percentage', () => {
    writeResults(dir, { records: [], cells: SEED_CELLS, env: ENV });
    const back = readResults(dir);
    expect(back.cells).toEqual(SEED_CELLS);
    expect(back.cells[0].recovery_ms).toBeNull();
    expect(back.cells[0].recovery_overhead_pct).toBeNull();
    expect(back.env).toEqual(ENV);
    expect(back.dir).toBe(dir);
  });

  it('writes results.csv in RUN_COLUMNS order, quoting what RFC 4180 requires', () => {
    writeResults(dir, { records: TRICKY_RECORDS, cells: [], env: {} });
    const text = readFileSync(join(dir, RESULT_FILES.results), 'utf8');
    expect(text.split('\n')[0]).toBe(RUN_COLUMNS.join(','));
    expect(text).toContain('"Job aborted, ""stage 2"" failed:\nExecutorLostFailure (executor 1 exited)\r\n  at a, b"');
    expect(text).toContain('"x,y","a ""quoted"" path"');
    // Null is an empty field; booleans are true/false.
    const rows = parseCsv(text, 'results.csv');
    expect(rows).toHaveLength(TRICKY_RECORDS.length + 1);
    const col = (name: string): number => RUN_COLUMNS.indexOf(name as (typeof RUN_COLUMNS)[number]);
    expect(rows[1].fields[col('fault_at_ms')]).toBe('');
    expect(rows[2].fields[col('digest_matches')]).toBe('true');
    expect(rows[3].fields[col('digest_matches')]).toBe('false');
    expect(rows.every((r) => r.fields.length === RUN_COLUMNS.length)).toBe(true);
  });

  it('has a column kind for exactly the columns of RUN_COLUMNS', () => {
    expect(new Set(Object.keys(RUN_COLUMN_KINDS))).toEqual(new Set(RUN_COLUMNS));
    expect(new Set(RUN_COLUMNS).size).toBe(RUN_COLUMNS.length);
  });

  it('flattens each Stat in summary.csv as _median, _min, _max, _ci_low, _ci_high, _n', () => {
    writeResults(dir, { records: [], cells: SEED_CELLS, env: {} });
    const [header, first] = parseCsv(readFileSync(join(dir, RESULT_FILES.summaryCsv), 'utf8'), 'summary.csv');
    expect(header.fields).toEqual(SUMMARY_COLUMNS);
    const i = header.fields.indexOf('job_latency_ms_median');
    expect(header.fields.slice(i, i + 6)).toEqual(['job_latency_ms_median', 'job_latency_ms_min', 'job_latency_ms_max', 'job_latency_ms_ci_low', 'job_latency_ms_ci_high', 'job_latency_ms_n']);
    expect(first.fields.slice(i, i + 6)).toEqual(['1200', '1140', '1270', '1150', '1260', '5']);
    expect(header.fields.slice(0, 6)).toEqual(['cell', 'scenario', 'storage', 'fault', 'runs_ok', 'runs_failed']);
    expect(header.fields).toContain('recovery_overhead_pct');
    expect(header.fields.slice(-2)).toEqual(['digests_match', 'inconclusive']);
  });

  it('writes summary.md and env.json, and leaves no temporary files', () => {
    writeResults(dir, { records: TRICKY_RECORDS, cells: SEED_CELLS, env: ENV });
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('## Recovery cost by job and storage level');
    expect(JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8'))).toEqual(ENV);
    expect(readdirSync(dir).sort()).toEqual(['env.json', 'results.csv', 'summary.csv', 'summary.md']);
  });

  it('reads columns by name, so a reordered file still reads', () => {
    writeResults(dir, { records: TRICKY_RECORDS, cells: SEED_CELLS, env: {} });
    const rows = parseCsv(readFileSync(join(dir, RESULT_FILES.results), 'utf8'), 'r').map((r) => [...r.fields].reverse());
    // CRLF between rows, as a spreadsheet writes; the line breaks inside quoted fields stay as they were.
    writeFileSync(join(dir, RESULT_FILES.results), rows.map((r) => r.map(csvField).join(',')).join('\r\n'));
    expect(readResults(dir).records).toEqual(TRICKY_RECORDS);
  });

  it('lists the event logs the runner copied into events/', () => {
    writeResults(dir, { records: [], cells: [], env: {} });
    expect(listEventLogs(dir)).toEqual([]);
    mkdirSync(join(dir, 'events', 'nested'), { recursive: true });
    writeFileSync(join(dir, 'events', 'local-2'), '');
    writeFileSync(join(dir, 'events', 'app-1'), '');
    expect(readResults(dir).events).toEqual(['app-1', 'local-2']);
  });

  it('reads a set without env.json as env {}', () => {
    writeResults(dir, { records: [], cells: SEED_CELLS, env: ENV });
    rmSync(join(dir, 'env.json'));
    expect(readResults(dir).env).toEqual({});
  });
});

describe('readResults errors name the file', () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(ResultFileError);
      const m = (err as Error).message;
      expect(m).not.toContain('\n');
      return m;
    }
    throw new Error('expected an error');
  };

  it('for a missing directory', () => {
    expect(message(() => readResults(join(dir, 'nope')))).toBe(`${join(dir, 'nope')}: no such result directory (expected ${join(dir, 'nope', 'results.csv')})`);
  });

  it('for a missing results.csv or summary.csv', () => {
    expect(message(() => readResults(dir))).toBe(`${join(dir, 'results.csv')}: no such file`);
    writeResults(dir, { records: [], cells: [], env: {} });
    rmSync(join(dir, 'summary.csv'));
    expect(message(() => readResults(dir))).toBe(`${join(dir, 'summary.csv')}: no such file`);
  });

  it('for a bad value, with the line and the column', () => {
    writeResults(dir, { records: TRICKY_RECORDS, cells: [], env: {} });
    const path = join(dir, 'results.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace(',1234.5,', ',12ms,'));
    expect(message(() => readResults(dir))).toBe(`${path}:2 job_latency_ms: "12ms" is not a number`);
    writeFileSync(path, readFileSync(path, 'utf8').replace(',12ms,', ',,').replace(',ok,', ',maybe,'));
    expect(message(() => readResults(dir))).toBe(`${path}:2 status: status must be ok or failed, got "maybe"`);
  });

  it('for a missing column or a short row', () => {
    writeResults(dir, { records: TRICKY_RECORDS, cells: [], env: {} });
    const path = join(dir, 'results.csv');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('wall_ms,', 'wall,'));
    expect(message(() => readResults(dir))).toBe(`${path}: missing column(s) wall_ms`);
    writeFileSync(path, `${text}a,b\n`);
    expect(message(() => readResults(dir))).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: 2 fields, the header has 35$`));
  });

  it('for a half-filled Stat in summary.csv', () => {
    writeResults(dir, { records: [], cells: SEED_CELLS.slice(0, 1), env: {} });
    const path = join(dir, 'summary.csv');
    const [head, row] = readFileSync(path, 'utf8').trim().split('\n');
    const fields = row.split(',');
    fields[head.split(',').indexOf('job_latency_ms_ci_low')] = '';
    writeFileSync(path, `${head}\n${fields.join(',')}\n`);
    expect(message(() => readResults(dir))).toBe(`${path}:2 job_latency_ms_ci_low: empty, a number is required`);
  });

  it('for env.json that is not an object', () => {
    writeResults(dir, { records: [], cells: [], env: {} });
    writeFileSync(join(dir, 'env.json'), '[1]');
    expect(message(() => readResults(dir))).toBe(`${join(dir, 'env.json')}: expected a JSON object`);
  });
});
