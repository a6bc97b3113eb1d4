/**
 * Peak resident memory per process, from the "Task Executor Metrics" each task end carries
 * (ProcessTreeJVMRSSMemory, as Spark names it). Spark writes 0 there unless process-tree metrics are
 * enabled, and logs before 3.0 have no such field: both read as "not measured", never as 0 bytes.
 */
import type { events } from '@sparkbench/core';

const RSS = 'ProcessTreeJVMRSSMemory';

/** executorId → largest RSS any of its tasks or its stage-end metrics reported, over the whole application. */
export function peakRssByExecutor(tasks: readonly events.TaskRecord[], stagePeaks: ReadonlyMap<string, Record<string, number>> = new Map()): Record<string, number> {
  const peaks: Record<string, number> = {};
  for (const [id, metrics] of stagePeaks) {
    const rss = metrics[RSS];
    if (rss !== undefined && rss > 0) peaks[id] = Math.max(peaks[id] ?? 0, rss);
  }
  for (const t of tasks) {
    const rss = t.executorMetrics[RSS];
    if (rss === undefined || !(rss > 0)) continue;
    peaks[t.executorId] = Math.max(peaks[t.executorId] ?? 0, rss);
  }
  return peaks;
}
