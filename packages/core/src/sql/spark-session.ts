import { SparkConf } from '../conf/spark-conf.js';
import { SparkContext } from '../spark-context.js';
import { DataFrame } from './data-frame.js';
import { DataFrameReader } from './data-frame-reader.js';
import { PlanNode } from './logical-plan.js';
import { Planner } from './planner.js';
import { callSite } from './call-site.js';
import type { Row, Schema } from './types.js';

/** PySpark's SparkSession.builder. */
export class SparkSessionBuilder {
  private readonly conf = new SparkConf();

  appName(name: string): this {
    this.conf.set('spark.app.name', name);
    return this;
  }

  master(url: string): this {
    this.conf.set('spark.master', url);
    return this;
  }

  config(key: string, value: string | number | boolean): this {
    this.conf.set(key, value);
    return this;
  }

  /** Starts the application (executors included); resolves once they are registered. */
  async getOrCreate(): Promise<SparkSession> {
    return new SparkSession(await SparkContext.create(this.conf));
  }
}

/** The entry point, as in PySpark: `spark.read...`, `spark.sparkContext`, `spark.stop()`. */
export class SparkSession {
  readonly planner: Planner;
  /** Bumped on every persist/unpersist, so DataFrames replan and pick up (or drop) cached data. */
  cacheEpoch = 0;
  /** `spark.job.description` of the jobs that follow (sc.setJobDescription in Spark). */
  jobDescription: string | undefined;
  /** Where show() and printSchema() print. */
  out: (text: string) => void = (text) => process.stdout.write(text);

  constructor(readonly sparkContext: SparkContext) {
    this.planner = new Planner(sparkContext);
  }

  static builder(): SparkSessionBuilder {
    return new SparkSessionBuilder();
  }

  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  get conf(): SparkConf {
    return this.sparkContext.conf;
  }

  /** A DataFrame over rows held by the driver, cut into `numSlices` partitions. */
  createDataFrame(rows: Row[], schema: Schema, numSlices = this.sparkContext.defaultParallelism): DataFrame {
    const sc = this.sparkContext;
    const n = Math.max(1, Math.min(numSlices, rows.length || 1));
    const slices: Row[][] = Array.from({ length: n }, (_, i) => rows.slice(Math.floor((i * rows.length) / n), Math.floor(((i + 1) * rows.length) / n)));
    const site = callSite('createDataFrame');
    const rdd = sc.register({ id: sc.newRddId(), name: 'ParallelCollectionRDD', numPartitions: n, op: { kind: 'parallelize', slices }, deps: [], storageLevel: 'NONE', callSite: site, schema });
    return new DataFrame(this, new PlanNode({ kind: 'rdd', rdd }, schema, site));
  }

  async stop(): Promise<void> {
    await this.sparkContext.stop();
  }
}
