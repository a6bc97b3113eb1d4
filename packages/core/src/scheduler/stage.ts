import type { RDD, ShuffleDependency } from '../rdd/rdd.js';
import type { MapStatus } from '../shuffle/map-status.js';
import type { ResultAction } from './task.js';

/** Fields every stage has (Spark's Stage). */
interface StageBase {
  readonly id: number;
  readonly rdd: RDD;
  readonly numTasks: number;
  readonly parents: Stage[];
  readonly firstJobId: number;
  /** The attempt currently or last run; -1 before the first submission. */
  latestAttempt: number;
  /** Consecutive attempts ended by fetch failures (spark.stage.maxConsecutiveAttempts). */
  failedAttempts: number;
  name: string;
}

/** Writes the map outputs of one shuffle; shared by every job that reads the shuffle, so its output is reused. */
export interface ShuffleMapStage extends StageBase {
  readonly kind: 'shuffleMap';
  readonly shuffleDep: ShuffleDependency;
  /** Map output of each map partition, or undefined while missing. */
  readonly outputs: (MapStatus | undefined)[];
}

export interface ResultStage extends StageBase {
  readonly kind: 'result';
  readonly action: ResultAction;
}

export type Stage = ShuffleMapStage | ResultStage;

export function isAvailable(stage: ShuffleMapStage): boolean {
  return stage.outputs.every((o) => o !== undefined);
}

export function missingPartitions(stage: Stage, finished: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let p = 0; p < stage.numTasks; p++) {
    if (stage.kind === 'shuffleMap' ? stage.outputs[p] === undefined : !finished[p]) out.push(p);
  }
  return out;
}
