import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `<root>/bench/results/bench-<timestamp>.json` and returns its path. */
export function saveResults(root: string, startedAt: Date, results: object): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // ISO time without ':' and '.', so the name is valid everywhere and sorts by time.
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `bench-${stamp}.json`);
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  return path;
}
