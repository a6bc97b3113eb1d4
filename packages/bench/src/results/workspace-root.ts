import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` that holds pnpm-workspace.yaml (a sparkbench checkout), or null. */
function findWorkspaceRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The checkout the user is in, found from `from` (the cwd by default), so `datasets/generated` and the
 * CLI's state land in one place; outside a checkout, `from` itself.
 */
export function workspaceRoot(from = process.cwd()): string {
  return findWorkspaceRoot(from) ?? from;
}

/**
 * The checkout this code is in, found from this file rather than the cwd, so `node
 * packages/bench/dist/perf/run.js` from anywhere uses the one shared dataset cache and results folder.
 */
export function codeWorkspaceRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findWorkspaceRoot(here);
  if (root === null) throw new Error(`no pnpm-workspace.yaml above ${here}`);
  return root;
}
