import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, platform, release, totalmem, type as osType } from 'node:os';

/** Where a result was measured: absolute times mean little without it, and drift between machines. */
export interface Environment {
  readonly node: string;
  readonly v8: string;
  readonly os: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly availableParallelism: number;
  readonly totalMemoryBytes: number;
  /** 1/5/15-minute load averages when the run started: above ~0 on 2 cores means the timings shared the CPU. */
  readonly loadAverageAtStart: readonly number[];
  readonly gitCommit: string | null;
  /** Uncommitted changes in the checkout: the commit alone then does not identify the code measured. */
  readonly gitDirty: boolean | null;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function captureEnvironment(root: string): Environment {
  const status = git(root, ['status', '--porcelain', '--untracked-files=no']);
  return {
    node: process.version,
    v8: process.versions.v8,
    os: `${osType()} ${release()} (${platform()})`,
    arch: process.arch,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    availableParallelism: availableParallelism(),
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    gitCommit: git(root, ['rev-parse', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
  };
}
