import type { Expr, AggregateFn } from '../sql/expressions.js';
import type { Row, Schema } from '../sql/types.js';

/**
 * An RDD is described, not programmed: each node says how to compute its partitions from its parents
 * (`op`) so that a task can carry the lineage it needs to a worker thread or another process as data.
 */
export interface RDD {
  readonly id: number;
  readonly name: string;
  readonly numPartitions: number;
  readonly op: RddOp;
  readonly deps: readonly Dependency[];
  /** Spark's StorageLevel name ('NONE' until persisted). */
  storageLevel: string;
  /** The operation that created it, as the Spark UI shows it ("filter at NativeMethodAccessorImpl.java:0"). */
  readonly callSite: string;
  /** Set once the RDD is checkpointed: its partitions are read from here and its lineage is cut. */
  checkpoint?: CheckpointInfo;
  readonly schema: Schema;
}

export interface CheckpointInfo {
  readonly kind: 'reliable' | 'local';
  /** Directory of the partition files (reliable checkpoints). */
  readonly dir?: string;
}

export type Dependency =
  | { readonly type: 'narrow'; readonly rddId: number }
  | { readonly type: 'shuffle'; readonly shuffle: ShuffleDependency };

export interface AggregateCall {
  readonly fn: AggregateFn;
  /** The input expression, bound to the parent's schema; null for count(1). */
  readonly input: Expr | null;
  readonly inputIsDouble: boolean;
}

/** Spark's ShuffleDependency: how a map task partitions (and pre-aggregates) its rows. */
export interface ShuffleDependency {
  readonly shuffleId: number;
  readonly parentRddId: number;
  readonly numPartitions: number;
  /** Hash-partitioning keys, bound to the parent's schema; empty means round-robin (repartition). */
  readonly keys: readonly Expr[];
  /** With an aggregate, map tasks combine rows by key before writing (map-side combine). */
  readonly aggregate?: readonly AggregateCall[];
}

export type PipelineStep = { readonly kind: 'filter'; readonly condition: Expr } | { readonly kind: 'project'; readonly exprs: readonly Expr[] };

export type RddOp =
  | {
      readonly kind: 'csvScan';
      readonly splits: readonly CsvSplitRef[];
      readonly options: Readonly<Record<string, string>>;
      readonly required: readonly number[] | null;
      /** A filter evaluated while parsing, bound to the file's schema (Spark's CSV filter pushdown). */
      readonly pushedFilter?: Expr;
    }
  | { readonly kind: 'parallelize'; readonly slices: readonly (readonly Row[])[] }
  | { readonly kind: 'pipeline'; readonly steps: readonly PipelineStep[] }
  /** Reads the shuffle of its one dependency (`deps[0]`). */
  | { readonly kind: 'shuffled' };

/** A byte range of one input file (Spark's PartitionedFile). */
export interface CsvSplitRef {
  readonly path: string;
  readonly start: number;
  readonly length: number;
  readonly fileLength: number;
}

/** The lineage a task needs: the RDD it computes and every ancestor up to the shuffle boundaries. */
export type Lineage = Record<number, RDD>;

