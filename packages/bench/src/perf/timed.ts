import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds of one awaited call, and its result (kept so agreement can be checked). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
