/**
 * Places block updates before or after a moment (the fault). Spark gives SparkListenerBlockUpdated no
 * timestamp, and the AppModel keeps block updates in log order but not their position among the
 * other events, so the time of each update is inferred from the tasks around it:
 *
 * - an entry of a task end's "Updated Blocks" happened during that task, which ended at its finish time;
 * - the log is written in order, so a BlockUpdated event came no later than the next task end that
 *   lists updated blocks (an upper bound) and no earlier than the previous one (a lower bound);
 * - when the bounds straddle the moment, the block was written by the task that next lists the same
 *   block (a replica is uploaded before its writer's put returns): launched after the moment, the
 *   update is after it.
 */
import type { events } from '@sparkbench/core';

type AppModel = events.AppModel;

/** For each of model.blockUpdates (same order): whether it happened at or before `time`. */
export function blockUpdatesBefore(model: AppModel, time: number): boolean[] {
  const updates = model.blockUpdates;
  const tasks = new Map(model.tasks.map((t) => [t.taskId, t]));
  const taskOf = (i: number) => (updates[i].taskId === undefined ? undefined : tasks.get(updates[i].taskId!));
  const finishOf = (i: number): number | undefined => {
    const t = taskOf(i);
    return t === undefined ? undefined : (t.finishTime ?? t.launchTime);
  };

  // Bounds from the nearest task-end entries on either side, in one pass each way.
  const lower: (number | undefined)[] = new Array(updates.length);
  const upper: (number | undefined)[] = new Array(updates.length);
  let seen: number | undefined;
  for (let i = 0; i < updates.length; i++) {
    lower[i] = seen;
    const f = finishOf(i);
    if (f !== undefined) seen = f;
  }
  seen = undefined;
  for (let i = updates.length - 1; i >= 0; i--) {
    upper[i] = seen;
    const f = finishOf(i);
    if (f !== undefined) seen = f;
  }

  return updates.map((u, i) => {
    const own = finishOf(i);
    if (own !== undefined) return own <= time;
    if (upper[i] !== undefined && upper[i]! <= time) return true;
    if (lower[i] !== undefined && lower[i]! > time) return false;
    for (let j = i + 1; j < updates.length; j++) {
      if (updates[j].blockId !== u.blockId) continue;
      const writer = taskOf(j);
      if (writer !== undefined) return writer.launchTime < time;
    }
    // Nothing places it: a log with BlockUpdated events only. Counted as existing before.
    return true;
  });
}
