import { resolve } from 'node:path';
import { addShutdownHook } from '@sparkbench/core';
import { environment, renderResults, runExperiment, workspaceRoot, type PlannedRun } from '@sparkbench/bench';

export interface ExperimentCli {
  readonly plan: readonly PlannedRun[];
  readonly dataset: { path: string; rows: number | null; seed: number | null };
  readonly master: string;
  readonly conf: Record<string, string>;
  readonly out: string;
  readonly resume: boolean;
  readonly format: 'table' | 'md' | 'csv' | 'json';
  readonly settings: Record<string, unknown>;
  /** The command that resumes this experiment, for the Ctrl-C message. */
  readonly resumeCommand: string;
}

/** Runs an experiment with a progress line on stderr and prints the summary; Ctrl-C says how to resume. */
export async function runExperimentCli(x: ExperimentCli): Promise<void> {
  const out = resolve(x.out);
  const env = environment(workspaceRoot(), x.dataset, { ...x.settings, master: x.master, conf: x.conf });
  const tty = process.stderr.isTTY === true;
  const removeHook = addShutdownHook(() => {
    process.stderr.write(`\nsparkbench: interrupted; every finished run is saved in ${out}. Resume with: ${x.resumeCommand} --resume ${out}\n`);
  });
  try {
    const result = await runExperiment({
      plan: x.plan,
      data: x.dataset.path,
      master: x.master,
      conf: x.conf,
      out,
      env,
      resume: x.resume,
      progress: (line) => process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`),
    });
    if (tty) process.stderr.write('\n');
    process.stdout.write(renderResults({ records: result.records, cells: result.cells, env }, x.format));
    process.stdout.write(`\nresults: ${out} (results.csv, summary.csv, summary.md, env.json, events/)\n`);
  } finally {
    removeHook();
  }
}
