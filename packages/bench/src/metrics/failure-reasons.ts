/** Failed task ends counted by Spark's reason kind, and their one-field form for results.csv. */
import type { events } from '@sparkbench/core';
import { failed } from './partition-attempts.js';

export function failureReasonCounts(tasks: readonly events.TaskRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of tasks) if (failed(t)) counts[t.reason!.kind] = (counts[t.reason!.kind] ?? 0) + 1;
  return counts;
}

/** `ExecutorLostFailure:2;FetchFailed:1`: most frequent first, ties by name, so the field is stable. */
export function formatFailureReasons(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, n]) => `${kind}:${n}`)
    .join(';');
}
