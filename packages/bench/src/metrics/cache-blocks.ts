/**
 * Cached RDD blocks, replayed from the log's block updates: the latest status of each (executor,
 * block) is what that executor holds. Spark logs no update when an executor dies with its blocks,
 * so a removed executor's entries are dropped by its removal, not by an update.
 */
import type { events } from '@sparkbench/core';
import { blockUpdatesBefore } from './block-timeline.js';

type AppModel = events.AppModel;
type BlockUpdateRecord = events.BlockUpdateRecord;

const RDD_BLOCK = /^rdd_(\d+)_\d+$/;

function rddIdOf(blockId: string): number | undefined {
  const m = RDD_BLOCK.exec(blockId);
  return m === null ? undefined : Number(m[1]);
}

/**
 * When an executor's blocks went: its ExecutorRemoved or its BlockManagerRemoved, whichever came first
 * (Spark logs both for a lost executor; some versions and setups only the latter).
 */
function removedAt(model: AppModel, executorId: string): number | undefined {
  const times = [model.executors.get(executorId)?.removed, model.blockManagers.get(executorId)?.removed].filter(
    (t): t is number => t !== undefined,
  );
  return times.length === 0 ? undefined : Math.min(...times);
}

/** A status that still holds data; Spark reports a dropped or removed block as level NONE, size 0. */
function holds(u: BlockUpdateRecord): boolean {
  const l = u.storageLevel;
  return l.useMemory || l.useDisk || l.useOffHeap || u.memSize > 0 || u.diskSize > 0;
}

/** blockId → executorId → latest status that holds data, over the updates `include` keeps. */
function replay(updates: readonly BlockUpdateRecord[], include: (i: number) => boolean): Map<string, Map<string, BlockUpdateRecord>> {
  const blocks = new Map<string, Map<string, BlockUpdateRecord>>();
  updates.forEach((u, i) => {
    if (!include(i) || rddIdOf(u.blockId) === undefined) return;
    let copies = blocks.get(u.blockId);
    if (copies === undefined) blocks.set(u.blockId, (copies = new Map()));
    if (holds(u)) copies.set(u.executorId, u);
    else copies.delete(u.executorId);
  });
  return blocks;
}

export interface CacheFootprint {
  readonly memBytes: number;
  readonly diskBytes: number;
}

/** Memory and disk held by cached RDD blocks (all copies) at the end of the log. */
export function cacheAtEnd(model: AppModel): CacheFootprint {
  const unpersisted = new Set(model.unpersistedRddIds);
  const blocks = replay(model.blockUpdates, () => true);
  let memBytes = 0;
  let diskBytes = 0;
  for (const [blockId, copies] of blocks) {
    if (unpersisted.has(rddIdOf(blockId)!)) continue;
    for (const [executorId, u] of copies) {
      if (removedAt(model, executorId) !== undefined) continue;
      memBytes += u.memSize;
      diskBytes += u.diskSize;
    }
  }
  return { memBytes, diskBytes };
}

export interface BlockLoss {
  /** Blocks whose every copy, as the log stood at the fault, was on an executor the fault removed. */
  readonly lost: ReadonlySet<string>;
  /** Blocks that lost a copy with such an executor but kept another: saved by a replica. */
  readonly saved: ReadonlySet<string>;
}

/**
 * What the fault did to the cache: each RDD block's copies as the log stood at the fault, against the
 * executors removed at or after it (and no later than `until`, the job's end). A copy re-cached
 * elsewhere after the fault is not a surviving copy: the block was lost, then rebuilt.
 */
export function blockLoss(model: AppModel, faultTime: number, until: number | undefined): BlockLoss {
  const removed = new Set<string>();
  const gone = new Set<string>();
  const ids = new Set([...model.executors.keys(), ...model.blockManagers.keys()]);
  for (const id of ids) {
    const at = removedAt(model, id);
    if (at === undefined) continue;
    if (at < faultTime) gone.add(id);
    else if (until === undefined || at <= until) removed.add(id);
  }
  const lost = new Set<string>();
  const saved = new Set<string>();
  if (removed.size === 0) return { lost, saved };
  const before = blockUpdatesBefore(model, faultTime);
  for (const [blockId, copies] of replay(model.blockUpdates, (i) => before[i])) {
    const holders = [...copies.keys()].filter((id) => !gone.has(id));
    const hit = holders.filter((id) => removed.has(id)).length;
    if (hit === 0) continue;
    if (hit === holders.length) lost.add(blockId);
    else saved.add(blockId);
  }
  return { lost, saved };
}
