import { execFileSync } from 'node:child_process';

/** `git <args>` in `root`, trimmed; null outside a checkout or without git, so a result is still saved. */
export function git(root: string, args: readonly string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
