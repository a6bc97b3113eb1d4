/**
 * One job under the CPU profiler, to see where the engine spends its time:
 *
 *   node --cpu-prof --cpu-prof-dir=prof packages/bench/dist/perf/profile-job.js --job wide [--rows N] [--reps N]
 *   node packages/bench/dist/perf/cpu-profile-summary.js prof --phase wide
 *
 * --cpu-prof writes one profile per thread (the driver and each task thread). The read + inferSchema job
 * runs first and would mix into them, so this writes prof/phases.json with the monotonic-clock window
 * of each phase, and the summary counts only the samples inside the chosen one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatasetPath, ensureEventsFile } from '@sparkbench/datasets';
import { codeWorkspaceRoot } from '../results/workspace-root.js';
import { readEvents } from '../scenarios/seed-jobs.js';
import { DEFAULT_ROWS, DEFAULT_SEED } from './bench-args.js';
import { engineNarrow, engineWide } from './engine-jobs.js';
import { startEngine } from './engine-session.js';
import type { PhaseWindow } from './phase-window.js';

/** Microseconds on the clock V8's profiler stamps samples with (CLOCK_MONOTONIC, as hrtime). */
function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { job: { type: 'string', default: 'wide' }, rows: { type: 'string' }, reps: { type: 'string', default: '3' } },
});
const job = values.job;
if (job !== 'narrow' && job !== 'wide') throw new Error(`--job narrow|wide, got ${job}`);
const rows = Number(values.rows ?? DEFAULT_ROWS);
const reps = Number(values.reps);
const profDir = process.execArgv.find((a) => a.startsWith('--cpu-prof-dir='))?.slice('--cpu-prof-dir='.length);
if (profDir === undefined) throw new Error('run with node --cpu-prof --cpu-prof-dir=DIR (see the header of profile-job.ts)');

const path = defaultDatasetPath(codeWorkspaceRoot(), rows, DEFAULT_SEED);
await ensureEventsFile(path, { rows, seed: DEFAULT_SEED });
const spark = await startEngine(`sparkbench profile ${job}`);
const phases: PhaseWindow[] = [];
try {
  let start = nowUs();
  const df = await readEvents(spark, path);
  phases.push({ phase: 'read', startUs: start, endUs: nowUs() });
  for (let i = 0; i < reps; i++) {
    start = nowUs();
    const answer = await (job === 'narrow' ? engineNarrow(df) : engineWide(df));
    phases.push({ phase: job, startUs: start, endUs: nowUs() });
    console.error(`${job} rep ${i + 1}/${reps}: ${((phases.at(-1)!.endUs - start) / 1000).toFixed(0)} ms, ${answer.rows} rows`);
  }
} finally {
  await spark.stop();
}
writeFileSync(join(profDir, 'phases.json'), JSON.stringify(phases, null, 2) + '\n');
