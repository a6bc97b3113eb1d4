import { col, collect_set, count, max, sum, type DataFrame, type SparkSession } from '@sparkbench/core';

/** The two jobs of the seed notebook, written as it writes them in PySpark. */
export type JobName = 'narrow' | 'wide';

export const JOB_NAMES: readonly JobName[] = ['narrow', 'wide'];

/** `spark.read.option("header","true").option("inferSchema","true").csv(path)` */
export function readEvents(spark: SparkSession, path: string, mode = 'PERMISSIVE'): Promise<DataFrame> {
  return spark.read.option('header', 'true').option('inferSchema', 'true').option('mode', mode).csv(path);
}

/** `only_purchases = df.filter(col("event_type") == "purchase")` */
export function onlyPurchases(df: DataFrame): DataFrame {
  return df.filter(col('event_type').eq('purchase'));
}

/**
 * The wide job: per session, the order date, the buyers, the quantity and the money spent —
 * `groupBy("user_session").agg(max("event_time").alias("Date_order"), collect_set("user_id").alias("user_id"),
 * count("user_session").alias("Quantity"), sum("price").alias("money_spent"))`.
 */
export function sessionOrders(purchases: DataFrame): DataFrame {
  return purchases
    .groupBy('user_session')
    .agg(
      max('event_time').alias('Date_order'),
      collect_set('user_id').alias('user_id'),
      count('user_session').alias('Quantity'),
      sum('price').alias('money_spent'),
    );
}
