import type { CsvSplitRef, RDD } from '../rdd/rdd.js';
import type { Expr } from './expressions.js';
import type { Schema } from './types.js';

/** The operators a DataFrame is built of (Spark's logical plan), each with its output schema. */
export type PlanOp =
  | { readonly kind: 'csv'; readonly path: string; readonly options: Readonly<Record<string, string>>; readonly splits: readonly CsvSplitRef[] }
  | { readonly kind: 'filter'; readonly child: PlanNode; readonly condition: Expr }
  | { readonly kind: 'project'; readonly child: PlanNode; readonly exprs: readonly Expr[] }
  | { readonly kind: 'aggregate'; readonly child: PlanNode; readonly keys: readonly Expr[]; readonly aggregates: readonly Expr[] }
  | { readonly kind: 'repartition'; readonly child: PlanNode; readonly numPartitions: number; readonly keys: readonly Expr[] }
  /** A checkpointed DataFrame: its rows come from an RDD whose lineage was cut. */
  | { readonly kind: 'rdd'; readonly rdd: RDD };

let nextPlanId = 0;

/**
 * A node of the logical plan. A persisted node keeps the one RDD it is computed as, so every query over
 * it reads the same cached blocks (Spark's CacheManager substitutes the cached plan the same way).
 */
export class PlanNode {
  readonly id = nextPlanId++;
  storageLevel = 'NONE';
  /** The RDD of a persisted or checkpointed node, made on first use. */
  rdd: RDD | undefined;

  constructor(
    readonly op: PlanOp,
    readonly schema: Schema,
    /** Where the user built it, for stage names ("filter at job.ts:12"). */
    readonly callSite: string,
  ) {}

  get child(): PlanNode | undefined {
    return 'child' in this.op ? this.op.child : undefined;
  }
}
