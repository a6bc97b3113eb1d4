import { availableParallelism, loadavg } from 'node:os';
import { describeMachine, type Machine } from '../results/environment.js';
import { git } from '../results/git.js';

/**
 * Where a `pnpm bench` result was measured: the machine every result records, and what else moves a
 * timing — absolute times mean little without it, and drift between machines.
 */
export interface BenchEnvironment extends Machine {
  readonly v8: string;
  readonly arch: string;
  readonly available_parallelism: number;
  /** 1/5/15-minute load averages when the run started: above ~0 on 2 cores means the timings shared the CPU. */
  readonly load_average_at_start: readonly number[];
  /** Uncommitted changes in the checkout: the commit alone then does not identify the code measured. */
  readonly git_dirty: boolean | null;
}

/** The 1/5/15-minute load averages, to two decimals. */
export function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}

export function benchEnvironment(root: string): BenchEnvironment {
  const status = git(root, ['status', '--porcelain', '--untracked-files=no']);
  return {
    ...describeMachine(root),
    v8: process.versions.v8,
    arch: process.arch,
    available_parallelism: availableParallelism(),
    load_average_at_start: loadAverage(),
    git_dirty: status === null ? null : status.length > 0,
  };
}
