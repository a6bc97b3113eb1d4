import { resolve as resolvePath } from 'node:path';
import type { CsvSplitRef } from '../rdd/rdd.js';
import { finalizeSchema, listInputFiles, mergeInferredTypes, parseCsvOptions, planFileSplits, readHeader, type InferredType } from './csv/index.js';
import { callSite } from './call-site.js';
import { DataFrame } from './data-frame.js';
import { PlanNode } from './logical-plan.js';
import type { SparkSession } from './spark-session.js';
import { field, type Schema } from './types.js';

/** PySpark's DataFrameReader: `spark.read.option("header", "true").option("inferSchema", "true").csv(path)`. */
export class DataFrameReader {
  private readonly opts: Record<string, string> = {};
  private userSchema: Schema | undefined;

  constructor(private readonly session: SparkSession) {}

  option(key: string, value: string | number | boolean): this {
    this.opts[key] = String(value);
    return this;
  }

  options(opts: Record<string, string | number | boolean>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }

  schema(schema: Schema): this {
    this.userSchema = schema;
    return this;
  }

  /**
   * Lists the input, cuts it into splits by byte ranges and, with inferSchema, runs a job over every split
   * to infer the column types — Spark runs the same job, so it shows in the event log.
   */
  async csv(path: string, opts: Record<string, string | number | boolean> = {}): Promise<DataFrame> {
    this.options(opts);
    const options = parseCsvOptions(this.opts);
    const sc = this.session.sparkContext;
    const files = listInputFiles(resolvePath(path));
    const splits: CsvSplitRef[] = planFileSplits(files, {
      maxPartitionBytes: sc.conf.getBytes('spark.sql.files.maxPartitionBytes', '128m', 'b'),
      openCostInBytes: sc.conf.getBytes('spark.sql.files.openCostInBytes', '4m', 'b'),
      defaultParallelism: sc.defaultParallelism,
    });
    const site = callSite('csv');
    let schema = this.userSchema;
    if (schema === undefined) {
      const names = files.length === 0 ? [] : readHeader(files[0].path, options);
      if (options.inferSchema && splits.length > 0) {
        const stringSchema = names.map((n) => field(n, 'string'));
        const scan = sc.register({
          id: sc.newRddId(),
          name: 'FileScanRDD',
          numPartitions: splits.length,
          op: { kind: 'csvScan', splits, options: { ...this.opts }, required: [] },
          deps: [],
          storageLevel: 'NONE',
          callSite: site,
          schema: stringSchema,
        });
        const parts = (await sc.runJob(scan, { kind: 'inferCsvSchema', numColumns: names.length }, this.session.jobDescription)) as InferredType[][];
        const merged = parts.reduce((a, b) => mergeInferredTypes(a, b));
        schema = finalizeSchema(names, merged);
      } else {
        schema = names.map((n) => field(n, 'string'));
      }
    }
    return new DataFrame(this.session, new PlanNode({ kind: 'csv', path, options: { ...this.opts }, splits }, schema, site));
  }
}
