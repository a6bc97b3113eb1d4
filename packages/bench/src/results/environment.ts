import { readFileSync, statSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { git } from './git.js';

/**
 * The machine and the code a figure was measured with, so it can be traced to both: what every saved
 * result records (env.json of a result set, the environment of a `pnpm bench` run).
 */
export interface Machine {
  readonly sparkbench_version: string;
  readonly git_commit: string | null;
  readonly node_version: string;
  readonly os: string;
  readonly cpu_model: string;
  readonly cores: number;
  readonly memory_bytes: number;
}

/** What env.json records with every result set: the machine, and the dataset and settings of the runs. */
export interface Environment extends Machine {
  readonly dataset: { readonly path: string; readonly rows: number | null; readonly seed: number | null; readonly bytes: number };
  readonly settings: Readonly<Record<string, unknown>>;
  readonly started_at: string;
}

export function describeMachine(root: string): Machine {
  let version = '0.0.0';
  try {
    version = (JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // not in a checkout
  }
  return {
    sparkbench_version: version,
    git_commit: git(root, ['rev-parse', 'HEAD']),
    node_version: process.version,
    os: `${platform()} ${release()}`,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory_bytes: totalmem(),
  };
}

export function environment(root: string, dataset: { path: string; rows: number | null; seed: number | null }, settings: Record<string, unknown>): Environment {
  return {
    ...describeMachine(root),
    dataset: { ...dataset, bytes: statSync(dataset.path).size },
    settings,
    started_at: new Date().toISOString(),
  };
}
