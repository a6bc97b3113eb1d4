/**
 * Top functions by self time over every .cpuprofile in a directory (all threads), optionally only in
 * the windows of one phase from profile-job.ts's phases.json:
 *
 *   node packages/bench/dist/perf/cpu-profile-summary.js DIR [--phase wide] [--top 25]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { codeWorkspaceRoot } from '../results/workspace-root.js';
import type { PhaseWindow } from './phase-window.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { phase: { type: 'string' }, top: { type: 'string', default: '25' } },
  allowPositionals: true,
});
const dir = positionals[0];
if (dir === undefined) throw new Error('usage: cpu-profile-summary.js DIR [--phase NAME] [--top N]');
const root = codeWorkspaceRoot();
const phasesFile = join(dir, 'phases.json');
const windows: PhaseWindow[] =
  values.phase === undefined ? [] : (JSON.parse(readFileSync(phasesFile, 'utf8')) as PhaseWindow[]).filter((w) => w.phase === values.phase);
if (values.phase !== undefined && windows.length === 0) throw new Error(`no phase ${values.phase} in ${phasesFile}`);
const inWindow = (t: number) => windows.length === 0 || windows.some((w) => t >= w.startUs && t <= w.endUs);

function where(frame: ProfileNode['callFrame']): string {
  if (frame.url === '') return '';
  const file = frame.url.startsWith('file://') ? relative(root, new URL(frame.url).pathname) : frame.url;
  return `${file}:${frame.lineNumber + 1}`;
}

/** Self time (µs) per function, and which threads it ran on ("main" or the profile's thread id). */
const selfUs = new Map<string, { us: number; threads: Set<string> }>();
let totalUs = 0;
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
if (files.length === 0) throw new Error(`no .cpuprofile files in ${dir}`);
for (const file of files) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  // Node names profiles CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; thread 0 is the main thread.
  const threadId = basename(file).split('.').at(-3);
  const thread = threadId === '0' ? 'main' : `thread ${threadId}`;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (!inWindow(t)) continue;
    const frame = byId.get(profile.samples[i])!.callFrame;
    // A thread waiting for work is not where time goes.
    if (frame.functionName === '(idle)') continue;
    const key = `${frame.functionName || '(anonymous)'}  ${where(frame)}`;
    const entry = selfUs.get(key) ?? { us: 0, threads: new Set<string>() };
    entry.us += dt;
    entry.threads.add(thread);
    selfUs.set(key, entry);
    totalUs += dt;
  }
}

const top = [...selfUs.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, Number(values.top));
console.log(`${files.length} profiles, ${(totalUs / 1000).toFixed(0)} ms of non-idle samples${values.phase ? ` in phase ${values.phase}` : ''} (all threads)`);
for (const [key, { us, threads }] of top) {
  console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}  [${[...threads].sort().join(', ')}]`);
}
