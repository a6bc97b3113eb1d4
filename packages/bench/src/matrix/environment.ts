import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';

/** What env.json records with every result set, so a figure can be traced to a machine and a commit. */
export interface Environment {
  readonly sparkbench_version: string;
  readonly git_commit: string | null;
  readonly node_version: string;
  readonly os: string;
  readonly cpu_model: string;
  readonly cores: number;
  readonly memory_bytes: number;
  readonly dataset: { readonly path: string; readonly rows: number | null; readonly seed: number | null; readonly bytes: number };
  readonly settings: Readonly<Record<string, unknown>>;
  readonly started_at: string;
}

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}

export function environment(root: string, dataset: { path: string; rows: number | null; seed: number | null }, settings: Record<string, unknown>): Environment {
  let version = '0.0.0';
  try {
    version = (JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // not in a checkout
  }
  return {
    sparkbench_version: version,
    git_commit: gitCommit(root),
    node_version: process.version,
    os: `${platform()} ${release()}`,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory_bytes: totalmem(),
    dataset: { ...dataset, bytes: statSync(dataset.path).size },
    settings,
    started_at: new Date().toISOString(),
  };
}
