import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { JobAnswer } from './engine-jobs.js';

/** A single-quoted SQL string literal. */
function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The peer: DuckDB in this process, held to the engine's 2 threads so the ratio compares like with like. */
export class DuckDbPeer {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly source: string,
  ) {}

  static async open(csvPath: string): Promise<DuckDbPeer> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run('SET threads=2');
    // Each query reads the CSV again (no table is loaded), as each engine repetition scans the file again.
    return new DuckDbPeer(instance, conn, `read_csv(${sqlString(csvPath)}, header=true)`);
  }

  async version(): Promise<string> {
    return String((await this.conn.runAndReadAll('SELECT version()')).getRowsJS()[0][0]);
  }

  private async scalarRow(sql: string): Promise<unknown[]> {
    return (await this.conn.runAndReadAll(sql)).getRowsJS()[0];
  }

  /** `count(*) WHERE event_type = 'purchase'`: the narrow job. */
  async narrow(): Promise<JobAnswer> {
    const [n] = await this.scalarRow(`SELECT count(*) FROM ${this.source} WHERE event_type = 'purchase'`);
    return { rows: Number(n) };
  }

  /**
   * The wide job's aggregation over all purchases. The outer query folds every output column (not just
   * count(*)), because DuckDB drops aggregates nothing reads: this way it computes all of them for every
   * session, as the engine does to count and digest the whole result.
   */
  async wide(): Promise<JobAnswer> {
    const [groups] = await this.scalarRow(`
      SELECT count(*), max(Date_order), sum(len(user_id)), sum(Quantity), sum(money_spent)
      FROM (
        SELECT user_session, max(event_time) AS Date_order, list(DISTINCT user_id) AS user_id,
               count(user_session) AS Quantity, sum(price) AS money_spent
        FROM ${this.source}
        WHERE event_type = 'purchase'
        GROUP BY user_session
      )`);
    return { rows: Number(groups) };
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
