import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { markdownSummary } from './markdown-summary.js';
import { ResultFileError } from './result-file-error.js';
import type { LoadedResultSet, ResultEnv, ResultSet } from './result-set.js';
import { parseResultsCsv, resultsCsv } from './results-csv.js';
import { parseSummaryCsv, summaryCsv } from './summary-csv.js';

/** The files of a result directory. */
export const RESULT_FILES = {
  results: 'results.csv',
  summaryCsv: 'summary.csv',
  summaryMd: 'summary.md',
  env: 'env.json',
  events: 'events',
} as const;

/**
 * Writes results.csv, summary.csv, summary.md and env.json into `dir` (created if needed); the runner
 * copies the event logs into `events/` itself. Synchronous because the runner rewrites the set after
 * every run and the files are small. Each file is written under a temporary name and renamed, so a
 * reader (or an interrupted write) never sees a truncated table that looks complete.
 */
export function writeResults(dir: string, set: ResultSet): void {
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, RESULT_FILES.results), resultsCsv(set.records));
  writeAtomically(join(dir, RESULT_FILES.summaryCsv), summaryCsv(set.cells));
  writeAtomically(join(dir, RESULT_FILES.summaryMd), markdownSummary(set.cells, set.env));
  writeAtomically(join(dir, RESULT_FILES.env), `${JSON.stringify(set.env, null, 2)}\n`);
}

/**
 * Reads a result directory back into typed rows. results.csv and summary.csv are required; env.json and
 * events/ are optional (a hand-copied set may lack them) and read as {} and []. Throws ResultFileError
 * with a one-line message naming the missing or malformed file.
 */
export function readResults(dir: string): LoadedResultSet {
  const abs = resolve(dir);
  const info = statSync(abs, { throwIfNoEntry: false });
  if (info === undefined) throw new ResultFileError(`${abs}: no such result directory (expected ${join(abs, RESULT_FILES.results)})`);
  if (!info.isDirectory()) throw new ResultFileError(`${abs}: not a directory (expected a result directory holding ${RESULT_FILES.results})`);
  const resultsPath = join(abs, RESULT_FILES.results);
  const summaryPath = join(abs, RESULT_FILES.summaryCsv);
  const records = parseResultsCsv(readRequired(resultsPath), resultsPath);
  const cells = parseSummaryCsv(readRequired(summaryPath), summaryPath);
  return { dir: abs, records, cells, env: readEnv(join(abs, RESULT_FILES.env)), events: listEventLogs(abs) };
}

/** The event log files the runner copied into `<dir>/events`, sorted by name; [] without the folder. */
export function listEventLogs(dir: string): string[] {
  try {
    return readdirSync(join(dir, RESULT_FILES.events), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function readRequired(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ResultFileError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(err)})`);
  }
}

function readEnv(path: string): ResultEnv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ResultFileError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let env: unknown;
  try {
    env = JSON.parse(text);
  } catch (err) {
    throw new ResultFileError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof env !== 'object' || env === null || Array.isArray(env)) throw new ResultFileError(`${path}: expected a JSON object`);
  return env;
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, path);
}
