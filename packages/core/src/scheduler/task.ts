import type { Lineage, ShuffleDependency } from '../rdd/rdd.js';
import type { MapStatus } from '../shuffle/map-status.js';

/** What a result task does with its partition's rows (Spark passes a function; we pass its name). */
export type ResultAction =
  | { readonly kind: 'count' }
  | { readonly kind: 'collect' }
  /** Rows up to `limit`, the row count, and one 64-bit hash per row (for an order-free result digest). */
  | { readonly kind: 'summary'; readonly limit: number }
  | { readonly kind: 'checkpoint'; readonly dir: string }
  /** CSV schema inference over a scan's split: the widest type seen in each column. */
  | { readonly kind: 'inferCsvSchema'; readonly numColumns: number };

/**
 * A task is data (Spark's TaskDescription): which stage and partition, the lineage to compute it and the
 * map outputs it may read. It crosses thread and process boundaries unchanged.
 */
export interface TaskDescription {
  readonly taskId: number;
  readonly attemptNumber: number;
  readonly stageId: number;
  readonly stageAttemptId: number;
  readonly partition: number;
  readonly rddId: number;
  readonly lineage: Lineage;
  readonly kind: 'shuffleMap' | 'result';
  /** For a shuffle map task: the shuffle it writes (its parent RDD is `rddId`). */
  readonly shuffleDep?: ShuffleDependency;
  readonly action?: ResultAction;
  /** Map outputs of every shuffle this task reads, by shuffle id, indexed by map partition; null where missing. */
  readonly mapStatuses: Readonly<Record<number, readonly (MapStatus | null)[]>>;
  /** Where cached blocks of this lineage live (block id → executor ids), for remote reads. */
  readonly blockLocations: Readonly<Record<string, readonly string[]>>;
}

export interface TaskMetricsData {
  executorDeserializeTime: number;
  executorRunTime: number;
  executorCpuTime: number;
  resultSize: number;
  inputBytes: number;
  inputRecords: number;
  shuffleWriteBytes: number;
  shuffleWriteRecords: number;
  shuffleWriteTime: number;
  shuffleReadRemoteBlocks: number;
  shuffleReadLocalBlocks: number;
  shuffleReadRemoteBytes: number;
  shuffleReadLocalBytes: number;
  shuffleReadRecords: number;
  shuffleFetchWaitTime: number;
  malformedRecords: number;
  peakExecutionMemory: number;
  /** Cached partitions read from this executor's block manager. */
  cacheLocalHits: number;
  /** Cached partitions fetched from another executor (a replica). */
  cacheRemoteHits: number;
  /** Partitions of a persisted RDD that were not cached anywhere and were computed from lineage. */
  cacheMisses: number;
  /** Resident set size of the executor process when the task ended (bytes). */
  processRss: number;
}

export function emptyMetrics(): TaskMetricsData {
  return {
    executorDeserializeTime: 0,
    executorRunTime: 0,
    executorCpuTime: 0,
    resultSize: 0,
    inputBytes: 0,
    inputRecords: 0,
    shuffleWriteBytes: 0,
    shuffleWriteRecords: 0,
    shuffleWriteTime: 0,
    shuffleReadRemoteBlocks: 0,
    shuffleReadLocalBlocks: 0,
    shuffleReadRemoteBytes: 0,
    shuffleReadLocalBytes: 0,
    shuffleReadRecords: 0,
    shuffleFetchWaitTime: 0,
    malformedRecords: 0,
    peakExecutionMemory: 0,
    cacheLocalHits: 0,
    cacheRemoteHits: 0,
    cacheMisses: 0,
    processRss: 0,
  };
}

/** A cached block the task stored, or a block whose status changed while it ran. */
export interface UpdatedBlock {
  readonly blockId: string;
  readonly storageLevel: string;
  readonly useDisk: boolean;
  readonly useMemory: boolean;
  readonly useOffHeap: boolean;
  readonly deserialized: boolean;
  readonly replication: number;
  readonly memSize: number;
  readonly diskSize: number;
}

export type TaskOutcome =
  | { readonly status: 'success'; readonly value: unknown; readonly metrics: TaskMetricsData; readonly updatedBlocks: readonly UpdatedBlock[]; readonly warnings: readonly string[] }
  | {
      readonly status: 'fetchFailed';
      readonly executorId: string;
      readonly host: string;
      readonly shuffleId: number;
      readonly mapId: number;
      readonly mapIndex: number;
      readonly reduceId: number;
      readonly message: string;
      readonly metrics: TaskMetricsData;
    }
  | { readonly status: 'exception'; readonly className: string; readonly message: string; readonly stack: string; readonly metrics: TaskMetricsData; readonly userError: boolean };
