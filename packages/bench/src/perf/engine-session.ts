import { SparkSession } from '@sparkbench/core';

/**
 * The engine as the seed notebook runs it: local[2] (one worker thread per core of the 2-core target)
 * and every other setting at Spark's default (spark.sql.shuffle.partitions 200 included). The console
 * progress bar is off so it cannot interleave with the report, and there is no event log: the benchmark
 * times the engine, not the listener writing JSON lines.
 */
export function startEngine(appName: string, conf: Readonly<Record<string, string>> = {}): Promise<SparkSession> {
  const builder = SparkSession.builder().appName(appName).master('local[2]').config('spark.ui.showConsoleProgress', 'false');
  for (const [k, v] of Object.entries(conf)) builder.config(k, v);
  return builder.getOrCreate();
}
