import type { SparkContext } from '../spark-context.js';
import type { AggregateCall, Dependency, PipelineStep, RDD, RddOp } from '../rdd/rdd.js';
import { aggregateOf, columnsOf, exprType, type Expr } from './expressions.js';
import type { PlanNode } from './logical-plan.js';
import type { Schema } from './types.js';

/** Narrow operators not yet turned into an RDD: they fuse into one MapPartitionsRDD. */
interface Pending {
  readonly base: RDD;
  readonly steps: PipelineStep[];
}

type Required = Set<number> | null;

/**
 * Turns a logical plan into RDD lineage (Spark's physical planning, simplified): filters and projections
 * fuse into one narrow step, aggregates become a shuffle with map-side combine, and only the columns a
 * query needs are parsed from CSV (column pruning) — except below a persisted node, which caches all.
 */
export class Planner {
  /** RDDs are named after the action that plans them, as Spark names them after their creation site. */
  private callSite = '';

  constructor(private readonly sc: SparkContext) {}

  /** `columns: 'none'` plans for actions that read no column (count), so the scan parses nothing it need not. */
  toRdd(node: PlanNode, callSite: string, columns: 'all' | 'none' = 'all'): RDD {
    this.callSite = callSite;
    return this.materialize(this.plan(node, columns === 'all' ? null : new Set()), node.schema);
  }

  private newRdd(name: string, numPartitions: number, op: RddOp, deps: Dependency[], schema: Schema): RDD {
    return this.sc.register({ id: this.sc.newRddId(), name, numPartitions, op, deps, storageLevel: 'NONE', callSite: this.callSite, schema });
  }

  private materialize(p: Pending, schema: Schema): RDD {
    if (p.steps.length === 0) return p.base;
    return this.newRdd('MapPartitionsRDD', p.base.numPartitions, { kind: 'pipeline', steps: p.steps }, [{ type: 'narrow', rddId: p.base.id }], schema);
  }

  private plan(node: PlanNode, required: Required): Pending {
    if (node.storageLevel !== 'NONE' || node.rdd !== undefined) {
      if (node.rdd === undefined) {
        node.rdd = this.materialize(this.planOp(node, null), node.schema);
        // A persisted plan gets an RDD of its own even when it is a bare scan.
        node.rdd.storageLevel = node.storageLevel;
      }
      return { base: node.rdd, steps: [] };
    }
    return this.planOp(node, required);
  }

  /** `pushed`: a filter right above a CSV scan, evaluated while parsing (the Filter step stays above it). */
  private planOp(node: PlanNode, required: Required, pushed?: Expr): Pending {
    const op = node.op;
    switch (op.kind) {
      case 'csv': {
        const cols = required === null ? null : [...required].sort((a, b) => a - b);
        const scan = { kind: 'csvScan' as const, splits: op.splits, options: op.options, required: cols, ...(pushed !== undefined && { pushedFilter: pushed }) };
        return { base: this.newRdd('FileScanRDD', op.splits.length, scan, [], node.schema), steps: [] };
      }
      case 'rdd':
        return { base: op.rdd, steps: [] };
      case 'filter': {
        const childRequired = required === null ? null : columnsOf(op.condition, new Set(required));
        const child = op.child;
        const pushable = child.op.kind === 'csv' && child.storageLevel === 'NONE' && child.rdd === undefined;
        const p = pushable ? this.planOp(child, childRequired, op.condition) : this.plan(child, childRequired);
        return { base: p.base, steps: [...p.steps, { kind: 'filter', condition: op.condition }] };
      }
      case 'project': {
        const childRequired = new Set<number>();
        for (let i = 0; i < op.exprs.length; i++) if (required === null || required.has(i)) columnsOf(op.exprs[i], childRequired);
        const p = this.plan(op.child, childRequired);
        return { base: p.base, steps: [...p.steps, { kind: 'project', exprs: op.exprs }] };
      }
      case 'aggregate': {
        const childRequired = new Set<number>();
        for (const e of [...op.keys, ...op.aggregates]) columnsOf(e, childRequired);
        const parent = this.materialize(this.plan(op.child, childRequired), op.child.schema);
        const calls: AggregateCall[] = op.aggregates.map((e) => {
          const agg = aggregateOf(e)!;
          return { fn: agg.fn, input: agg.child, inputIsDouble: agg.child !== null && exprType(agg.child) === 'double' };
        });
        return { base: this.shuffle(parent, op.keys, calls, this.shufflePartitions(), node), steps: [] };
      }
      case 'repartition': {
        const parent = this.materialize(this.plan(op.child, required), op.child.schema);
        return { base: this.shuffle(parent, op.keys, undefined, op.numPartitions, node), steps: [] };
      }
    }
  }

  private shufflePartitions(): number {
    return this.sc.conf.getInt('spark.sql.shuffle.partitions', 200);
  }

  private shuffle(parent: RDD, keys: readonly Expr[], aggregate: AggregateCall[] | undefined, numPartitions: number, node: PlanNode): RDD {
    const shuffleId = this.sc.newShuffleId();
    return this.newRdd(
      'ShuffledRowRDD',
      numPartitions,
      { kind: 'shuffled' },
      [{ type: 'shuffle', shuffle: { shuffleId, parentRddId: parent.id, numPartitions, keys, aggregate } }],
      node.schema,
    );
  }
}
