import type { Row } from '../sql/types.js';
import type { MapStatus } from '../shuffle/map-status.js';
import type { TaskDescription, TaskMetricsData, UpdatedBlock } from '../scheduler/task.js';

/**
 * What a running task may ask of the executor that hosts it. In a worker thread these calls travel to the
 * executor's main thread (which owns the block manager); in a single-threaded executor they are direct.
 */
export interface TaskEnv {
  readonly executorId: string;
  readonly host: string;
  /** This executor's directory for shuffle files. */
  readonly shuffleDir: string;
  /** A cached block from this executor or, failing that, from one of `locations` (`remote` then). */
  getBlock(blockId: string, locations: readonly string[]): Promise<CachedBlock | undefined>;
  /** Stores a computed partition at `level`; returns the block's status as stored (memory, disk or none). */
  putBlock(blockId: string, rows: Row[], level: string): Promise<UpdatedBlock>;
  /** The bytes of one reduce slice of a map output, from this executor's disk or fetched from its owner. */
  fetchShuffleBlock(status: MapStatus, reduceId: number): Promise<Uint8Array>;
}

export interface TaskContext {
  readonly task: TaskDescription;
  readonly env: TaskEnv;
  readonly metrics: TaskMetricsData;
  readonly updatedBlocks: UpdatedBlock[];
  readonly warnings: string[];
}

export type RowSink = (row: Row) => void;

export interface CachedBlock {
  readonly rows: Row[];
  readonly remote: boolean;
  /** The block's stored size (Spark counts a cache read as input of this many bytes). */
  readonly bytes: number;
}

/** Thrown inside a task when a shuffle block cannot be read; the scheduler resubmits the map stage. */
export class FetchFailedError extends Error {
  override readonly name = 'FetchFailedException';
  constructor(
    readonly status: MapStatus,
    readonly reduceId: number,
    reason: string,
  ) {
    super(`Failed to fetch shuffle_${status.shuffleId}_${status.mapId}_${reduceId} from executor ${status.executorId} (${status.host}): ${reason}`);
  }
}
