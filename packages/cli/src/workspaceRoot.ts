import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The sparkbench checkout (where pnpm-workspace.yaml is), so `datasets/generated` lands in one place. */
export function workspaceRoot(from = process.cwd()): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}
