import { randomUUID } from 'node:crypto';
import { digestOfRowHashes } from '../executor/row-hash.js';
import { join } from 'node:path';
import type { RDD } from '../rdd/rdd.js';
import type { PartitionSummary } from '../executor/run-task.js';
import { StorageLevel } from '../storage/storage-level.js';
import { callSite } from './call-site.js';
import { Column, toColumn, type ColumnOrName } from './column.js';
import { AnalysisException } from './analysis-exception.js';
import { exprName, exprType, resolve, type Expr } from './expressions.js';
import { GroupedData } from './grouped-data.js';
import { PlanNode, type PlanOp } from './logical-plan.js';
import { treeString } from './print-schema.js';
import { showString } from './show.js';
import type { SparkSession } from './spark-session.js';
import { field, type Row, type Schema, type Value } from './types.js';
import { formatValue } from './value-format.js';

/** What `summarize` returns: the first rows, the row count, and a digest of every row. */
export interface ResultSummary {
  readonly head: Row[];
  readonly count: number;
  /** sha256 of the sorted 64-bit row hashes: equal for equal results, whatever the partitioning. */
  readonly digest: string;
}

/**
 * PySpark's DataFrame: an immutable logical plan plus the session. Transformations return new DataFrames;
 * actions (count, collect, show) plan an RDD lineage and run a job. Actions are async in JavaScript.
 */
export class DataFrame {
  /** The RDDs this DataFrame's actions run on, kept as Spark keeps a Dataset's queryExecution. */
  private readonly planned = new Map<'all' | 'none', { rdd: RDD; epoch: number }>();

  constructor(
    readonly session: SparkSession,
    readonly plan: PlanNode,
  ) {}

  get schema(): Schema {
    return this.plan.schema;
  }

  get columns(): string[] {
    return this.schema.map((f) => f.name);
  }

  private derive(op: PlanOp, schema: Schema, method: string): DataFrame {
    return new DataFrame(this.session, new PlanNode(op, schema, callSite(method)));
  }

  private bind(e: Expr): Expr {
    return resolve(e, this.schema);
  }

  filter(condition: Column): DataFrame {
    if (!(condition instanceof Column)) throw new AnalysisException('filter() takes a Column condition, e.g. col("event_type").eq("purchase")');
    const bound = this.bind(condition.expr);
    if (exprType(bound) !== 'boolean') {
      throw new AnalysisException(`filter expression '${exprName(condition.expr)}' of type ${String(exprType(bound))} is not a boolean.`);
    }
    return this.derive({ kind: 'filter', child: this.plan, condition: bound }, this.schema, 'filter');
  }

  where(condition: Column): DataFrame {
    return this.filter(condition);
  }

  select(...cols: ColumnOrName[]): DataFrame {
    const exprs = cols.map((c) => this.bind(toColumn(c).expr));
    for (const e of exprs) if (e.op === 'agg' || (e.op === 'alias' && e.child.op === 'agg')) throw new AnalysisException(`aggregate ${exprName(e)} in select() needs groupBy(); use df.groupBy().agg(...)`);
    const schema = exprs.map((e) => field(exprName(e), exprType(e)));
    return this.derive({ kind: 'project', child: this.plan, exprs }, schema, 'select');
  }

  groupBy(...cols: ColumnOrName[]): GroupedData {
    return new GroupedData(this, cols.map((c) => this.bind(toColumn(c).expr)));
  }

  groupby(...cols: ColumnOrName[]): GroupedData {
    return this.groupBy(...cols);
  }

  /** Spark's `repartition(n)` (round-robin) or `repartition(n, cols...)` (hash). */
  repartition(numPartitions: number, ...cols: ColumnOrName[]): DataFrame {
    if (!Number.isInteger(numPartitions) || numPartitions < 1) throw new AnalysisException(`Number of partitions (${numPartitions}) must be positive.`);
    const keys = cols.map((c) => this.bind(toColumn(c).expr));
    return this.derive({ kind: 'repartition', child: this.plan, numPartitions, keys }, this.schema, 'repartition');
  }

  /** Used by GroupedData: a new DataFrame over this one. */
  withPlan(op: PlanOp, schema: Schema, method: string): DataFrame {
    return this.derive(op, schema, method);
  }

  // ---- persistence ----

  /** Dataset.cache(): MEMORY_AND_DISK, as in Spark (RDD.cache() would be MEMORY_ONLY). */
  cache(): this {
    return this.persist(StorageLevel.MEMORY_AND_DISK);
  }

  persist(level: StorageLevel | string = StorageLevel.MEMORY_AND_DISK): this {
    const l = typeof level === 'string' ? StorageLevel.fromString(level) : level;
    const name = l.name ?? l.toString();
    if (this.plan.rdd !== undefined && this.plan.storageLevel !== 'NONE' && this.plan.storageLevel !== name) {
      throw new AnalysisException(`Cannot change storage level of an RDD after it was already assigned a level (${this.plan.storageLevel} → ${name})`);
    }
    this.plan.storageLevel = name;
    if (this.plan.rdd !== undefined) this.plan.rdd.storageLevel = name;
    this.session.cacheEpoch++;
    return this;
  }

  get storageLevel(): StorageLevel {
    return StorageLevel.fromString(this.plan.storageLevel);
  }

  async unpersist(): Promise<this> {
    if (this.plan.rdd !== undefined) await this.session.sparkContext.unpersist(this.plan.rdd);
    this.plan.storageLevel = 'NONE';
    this.plan.rdd = undefined;
    this.session.cacheEpoch++;
    return this;
  }

  /**
   * Dataset.checkpoint(): writes every partition to the checkpoint directory and cuts the lineage.
   * `eager` false is accepted but the partitions are written now all the same: Spark defers that job to
   * the first action, and a checkpoint whose lineage is cut before it is written cannot be read.
   */
  async checkpoint(_eager = true): Promise<DataFrame> {
    const sc = this.session.sparkContext;
    const root = sc.getCheckpointDir();
    if (root === undefined) throw new AnalysisException('Checkpoint directory has not been set in the SparkContext (call spark.sparkContext.setCheckpointDir(dir))');
    const rdd = this.toRdd('checkpoint');
    const dir = join(root, randomUUID(), `rdd-${rdd.id}`);
    const checkpointed = sc.register({ ...rdd, id: sc.newRddId(), deps: [], storageLevel: 'NONE', checkpoint: { kind: 'reliable', dir } });
    await sc.runJob(rdd, { kind: 'checkpoint', dir }, 'checkpoint');
    return this.derive({ kind: 'rdd', rdd: checkpointed }, this.schema, 'checkpoint');
  }

  /**
   * Dataset.localCheckpoint(): keeps partitions in the executors' block managers and cuts the lineage of
   * the returned DataFrame; this one keeps its own. As with checkpoint(), `eager` false still caches now.
   */
  async localCheckpoint(_eager = true): Promise<DataFrame> {
    const sc = this.session.sparkContext;
    const planned = this.toRdd('localCheckpoint');
    // A copy: cutting the planned RDD's lineage would leave this DataFrame unable to recompute lost blocks.
    const rdd = sc.register({ ...planned, id: sc.newRddId(), storageLevel: planned.storageLevel === 'NONE' ? 'MEMORY_AND_DISK' : planned.storageLevel });
    await sc.runJob(rdd, { kind: 'count' }, 'localCheckpoint');
    rdd.checkpoint = { kind: 'local' };
    (rdd as { deps: RDD['deps'] }).deps = [];
    return this.derive({ kind: 'rdd', rdd }, this.schema, 'localCheckpoint');
  }

  // ---- actions ----

  /** The RDD that actions run on; replanned when something was persisted or unpersisted since. */
  toRdd(method = 'rdd', columns: 'all' | 'none' = 'all'): RDD {
    let planned = this.planned.get(columns);
    if (planned === undefined || planned.epoch !== this.session.cacheEpoch) {
      planned = { rdd: this.session.planner.toRdd(this.plan, callSite(method), columns), epoch: this.session.cacheEpoch };
      this.planned.set(columns, planned);
    }
    return planned.rdd;
  }

  /** RDD-style count: each task counts its partition, the driver adds (one stage for a narrow plan). */
  async count(): Promise<number> {
    const results = await this.session.sparkContext.runJob(this.toRdd('count', 'none'), { kind: 'count' }, this.session.jobDescription);
    return (results as number[]).reduce((a, b) => a + b, 0);
  }

  async collectRows(): Promise<Row[]> {
    const results = (await this.session.sparkContext.runJob(this.toRdd('collect'), { kind: 'collect' }, this.session.jobDescription)) as Row[][];
    return results.flat();
  }

  /** Rows as objects keyed by column name (PySpark's Row.asDict()). */
  async collect(): Promise<Record<string, Value>[]> {
    const names = this.columns;
    return (await this.collectRows()).map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
  }

  /** One job that returns the first `limit` rows, the row count and an order-free digest of all rows. */
  async summarize(limit: number, method = 'showString'): Promise<ResultSummary> {
    const parts = (await this.session.sparkContext.runJob(this.toRdd(method), { kind: 'summary', limit }, this.session.jobDescription)) as PartitionSummary[];
    const head: Row[] = [];
    let count = 0;
    for (const p of parts) {
      for (const row of p.head) if (head.length < limit) head.push(row);
      count += p.count;
    }
    const digest = digestOfRowHashes(parts.map((p) => p.hashes));
    return { head, count, digest };
  }

  async showString(n = 20, truncate: number | boolean = true, vertical = false): Promise<string> {
    const { head } = await this.summarize(n + 1);
    return showString(this.schema, head, n, truncate === true ? 20 : truncate, vertical);
  }

  /** Prints the first `n` rows as Spark does. */
  async show(n = 20, truncate: number | boolean = true, vertical = false): Promise<void> {
    this.session.out(await this.showString(n, truncate, vertical));
  }

  printSchema(): void {
    this.session.out(treeString(this.schema));
  }

  /** A value as `show()` prints it (timestamps as `yyyy-MM-dd HH:mm:ss`). */
  formatCell(value: Value, column: number): string {
    return formatValue(value, this.schema[column].type);
  }
}
