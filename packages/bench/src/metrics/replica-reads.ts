/**
 * Cached partitions a replica served after the fault. sparkbench's remote-hit counter cannot say this
 * alone: the scheduler runs a task where a copy of its block lives, so after an executor dies the
 * task for one of its blocks runs on the executor holding the replica and reads it as a *local* hit.
 * So: every cache hit (local or remote) of a task launched after the fault whose block lost a copy
 * to the fault but kept another.
 *
 * The task's block is `rdd_<R>_<partition>` for each persisted RDD R in its stage — true when the
 * cached RDD is partitioned like the stage (narrow, one-to-one lineage, as in the seed jobs).
 */
import { CACHE_ACCUMULABLES, type events } from '@sparkbench/core';

function persistedRdds(stage: events.StageRecord | undefined): number[] {
  if (stage === undefined) return [];
  return stage.rddInfos.filter((r) => r.storageLevel.useMemory || r.storageLevel.useDisk || r.storageLevel.useOffHeap).map((r) => r.rddId);
}

export function blocksFromReplica(
  model: events.AppModel,
  tasks: readonly events.TaskRecord[],
  faultTime: number,
  saved: ReadonlySet<string>,
): number {
  if (saved.size === 0) return 0;
  const stages = new Map(model.stages.map((s) => [`${s.stageId}.${s.attemptId}`, s]));
  let n = 0;
  for (const t of tasks) {
    if (t.launchTime < faultTime) continue;
    const hits = (t.accumulables[CACHE_ACCUMULABLES.localHits] ?? 0) + (t.accumulables[CACHE_ACCUMULABLES.remoteHits] ?? 0);
    if (hits === 0) continue;
    const rdds = persistedRdds(stages.get(`${t.stageId}.${t.stageAttemptId}`));
    if (rdds.some((r) => saved.has(`rdd_${r}_${t.partitionId}`))) n += hits;
  }
  return n;
}
