import type { DataFrame } from '@sparkbench/core';
import { onlyPurchases, sessionOrders } from '../scenarios/seed-jobs.js';

/** What each job returns, for the agreement check against DuckDB. */
export interface JobAnswer {
  /** narrow: purchases counted; wide: session groups. */
  readonly rows: number;
}

/** The wide job's show() fetches 20 rows plus one to know whether there are more, as runWide does. */
const SHOW_LIMIT = 21;

/**
 * The scenario code, verbatim: `onlyPurchases(df).count()`. A fresh DataFrame per call, so nothing
 * planned (or, for the wide job, no shuffle output) carries over from one repetition to the next.
 */
export async function engineNarrow(df: DataFrame): Promise<JobAnswer> {
  return { rows: await onlyPurchases(df).count() };
}

/** `sessionOrders(onlyPurchases(df)).summarize(21)`: the one job behind the wide scenario's show(). */
export async function engineWide(df: DataFrame): Promise<JobAnswer> {
  const summary = await sessionOrders(onlyPurchases(df)).summarize(SHOW_LIMIT);
  return { rows: summary.count };
}
