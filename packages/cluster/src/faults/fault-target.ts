/** Which process a fault hits. */
import type { ExecutorProcess } from '../scheduler/standalone-backend.js';

/** A live executor process and, in cluster mode, the worker process that launched it. */
export type FaultTarget = ExecutorProcess;

/**
 * The executor running the most tasks: killing it loses the most work in flight, the case worth
 * measuring. Ties go to the lowest id so the same run picks the same victim.
 */
export function busiestExecutor(targets: readonly FaultTarget[], running: ReadonlyMap<string, number>): FaultTarget | undefined {
  let best: FaultTarget | undefined;
  for (const t of targets) {
    if (best === undefined) {
      best = t;
      continue;
    }
    const diff = (running.get(t.executorId) ?? 0) - (running.get(best.executorId) ?? 0);
    if (diff > 0 || (diff === 0 && compareExecutorIds(t.executorId, best.executorId) < 0)) best = t;
  }
  return best;
}

/** Numeric ids compare as numbers, so executor 10 comes after executor 9. */
export function compareExecutorIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
