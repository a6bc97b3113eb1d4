import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeResults } from '../../src/report/result-files.js';
import { SEED_CELLS, TRICKY_RECORDS, stat } from './fixtures.js';

// The CLI imports @sparkbench/bench, which resolves to bench's built dist; point it at this source so the
// commands are tested against the report code as it is now, whether or not dist was rebuilt.
vi.mock('../../dist/index.js', async () => import('../../src/report/index.js'));

const { reportCommand, reportText } = await import('../../../cli/src/commands/report.js');
// yargs is a dependency of the CLI package, not of bench: load the CLI's copy (by URL, so the type
// checker does not look for bench's own yargs either).
type Argv = Parameters<typeof reportCommand>[0];
const yargsUrl = new URL('../../../cli/node_modules/yargs/index.mjs', import.meta.url).href;
const { default: yargs } = (await import(yargsUrl)) as { default: () => Argv };
const { compareCommand, compareText } = await import('../../../cli/src/commands/compare.js');

const root = mkdtempSync(join(tmpdir(), 'sparkbench-cli-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const saved = join(root, 'baseline');
writeResults(saved, { records: TRICKY_RECORDS, cells: SEED_CELLS, env: { git_commit: 'abc' } });
const faster = join(root, 'faster');
writeResults(faster, {
  records: [],
  cells: SEED_CELLS.map((c) => ({ ...c, job_latency_ms: c.job_latency_ms && stat(c.job_latency_ms.median / 2, c.job_latency_ms.ci_low / 2, c.job_latency_ms.ci_high / 2) })),
  env: {},
});

/** A one-line UsageError, as bin.ts prints it: `sparkbench: <message>`. */
function usageError(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect((err as Error).name).toBe('UsageError');
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('sparkbench report', () => {
  it('re-renders a saved set in every format', () => {
    expect(reportText(saved, 'table')).toContain('Recovery cost — fault: kill-executor@50%');
    expect(reportText(saved, 'md')).toContain('- git_commit: `abc`');
    expect(reportText(saved, 'csv').split('\n')).toHaveLength(SEED_CELLS.length + 2);
    expect(JSON.parse(reportText(saved, 'json')).records).toHaveLength(TRICKY_RECORDS.length);
  });

  it('names the missing directory or file in a one-line error', () => {
    expect(usageError(() => reportText(join(root, 'nope'), 'table'))).toBe(
      `${join(root, 'nope')}: no such result directory (expected ${join(root, 'nope', 'results.csv')})`,
    );
    const empty = join(root, 'empty');
    writeResults(empty, { records: [], cells: [], env: {} });
    rmSync(join(empty, 'results.csv'));
    expect(usageError(() => reportText(empty, 'md'))).toBe(`${join(empty, 'results.csv')}: no such file`);
  });

  it('reports a malformed row with its file and line', () => {
    const bad = join(root, 'bad');
    writeResults(bad, { records: TRICKY_RECORDS, cells: [], env: {} });
    writeFileSync(join(bad, 'results.csv'), 'run_id\n"unterminated\n');
    expect(usageError(() => reportText(bad, 'table'))).toBe(`${join(bad, 'results.csv')}:2: unterminated quoted field`);
  });

  it('is a yargs command: report <dir> --format', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      await reportCommand(yargs().strict()).parseAsync(['report', saved, '--format', 'md']);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('')).toBe(reportText(saved, 'md'));
    // yargs may throw before it returns the promise: run it inside one.
    await expect(Promise.resolve().then(() => reportCommand(yargs().strict().fail(false)).parseAsync(['report', saved, '--format', 'html']))).rejects.toThrow(
      /Invalid values/,
    );
  });
});

describe('sparkbench compare', () => {
  it('compares two saved sets, labelled by their directory names', () => {
    const text = compareText({ a: saved, b: faster, format: 'table', metric: 'job_latency_ms' });
    expect(text).toContain('job_latency_ms: faster against baseline');
    expect(text).toMatch(/^narrow\s+NONE\s+none\s+1\.20 s \[1\.15, 1\.26\]\s+600 ms \[575, 630\]\s+0\.50×\s+faster faster: CIs apart$/m);
    const md = compareText({ a: saved, b: faster, format: 'md', metric: 'job_latency_ms', labelA: 'v1', labelB: 'v2' });
    expect(md).toContain('| job | storage | fault | v1 median [95% CI] | v2 median [95% CI] | v2/v1 | verdict |');
  });

  it('tells two sets with the same directory name apart', () => {
    const text = compareText({ a: saved, b: saved, format: 'table', metric: 'job_latency_ms' });
    expect(text).toContain('B (baseline) against A (baseline)');
    expect(text).toContain('0 of 12 cells differ (CIs apart), 12 within noise.');
  });

  it('names a missing set in a one-line error', () => {
    expect(usageError(() => compareText({ a: saved, b: join(root, 'missing'), format: 'table', metric: 'job_latency_ms' }))).toBe(
      `${join(root, 'missing')}: no such result directory (expected ${join(root, 'missing', 'results.csv')})`,
    );
    expect(usageError(() => compareText({ a: saved, b: faster, format: 'table', metric: 'job_latency_ms', labelA: '' }))).toBe(
      '--label-a and --label-b must not be empty',
    );
  });

  it('is a yargs command: compare <a> <b> --format --metric --label-a --label-b', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      await compareCommand(yargs().strict()).parseAsync(['compare', saved, faster, '--format', 'md', '--metric', 'recovery_ms', '--label-a', 'old', '--label-b', 'new']);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('')).toBe(compareText({ a: saved, b: faster, format: 'md', metric: 'recovery_ms', labelA: 'old', labelB: 'new' }));
    expect(out.join('')).toContain('## `recovery_ms`: new against old');
  });
});
