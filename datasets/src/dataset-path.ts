import { join } from 'node:path';

/** Where generated files are cached: `<root>/datasets/generated/events-<rows>-seed<seed>.csv` (git-ignored). */
export function defaultDatasetPath(root: string, rows: number, seed: number): string {
  return join(root, 'datasets', 'generated', `events-${rows}-seed${seed}.csv`);
}
