/**
 * The independent reference: a plain line-by-line reading of an events CSV, written without the engine
 * (no splits, no shuffle, no CSV parser of ours), so the engine's answers can be checked against it.
 *
 * The generated files have no quotes and no embedded commas, so a line is `split(',')`. Empty fields
 * are nulls, as Spark's CSV reader reads them.
 */
import { readFileSync } from 'node:fs';

/** One session's aggregate, as the wide job computes it. */
export interface SessionAggregate {
  /** max(event_time), microseconds since the epoch (how the engine holds timestamps). */
  readonly maxTimeMicros: number;
  /** collect_set(user_id), sorted. */
  readonly userIds: readonly number[];
  /** count(user_session): rows of the session. */
  readonly count: number;
  /**
   * sum(price) in whole cents, summed exactly as integers. The engine sums doubles in whatever order
   * its partitions and shuffle give, so its sums are compared after rounding to cents.
   */
  readonly priceCents: number;
}

export interface ReferenceResult {
  /** Data rows (header excluded). */
  readonly rows: number;
  /** The narrow result: rows with event_type == 'purchase'. */
  readonly purchases: number;
  /** The wide result over every row, by user_session. */
  readonly wide: ReadonlyMap<string, SessionAggregate>;
  /** The wide result over the purchases only. */
  readonly widePurchases: ReadonlyMap<string, SessionAggregate>;
}

interface Accumulator {
  maxTimeMicros: number;
  users: Set<number>;
  count: number;
  priceCents: number;
}

/** `2019-10-01 00:52:04 UTC` → microseconds since the epoch. */
function timestampMicros(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(text);
  if (m === null) throw new Error(`reference: unexpected event_time "${text}"`);
  return Date.parse(`${m[1]}T${m[2]}Z`) * 1000;
}

function add(groups: Map<string, Accumulator>, fields: readonly string[], col: Record<string, number>): void {
  const session = fields[col.user_session];
  if (session === '') throw new Error('reference: a null user_session is not expected in generated data');
  let acc = groups.get(session);
  if (acc === undefined) {
    acc = { maxTimeMicros: -Infinity, users: new Set(), count: 0, priceCents: 0 };
    groups.set(session, acc);
  }
  acc.maxTimeMicros = Math.max(acc.maxTimeMicros, timestampMicros(fields[col.event_time]));
  const user = fields[col.user_id];
  if (user !== '') acc.users.add(Number(user));
  acc.count++;
  const price = fields[col.price];
  if (price !== '') acc.priceCents += Math.round(Number(price) * 100);
}

function freeze(groups: Map<string, Accumulator>): Map<string, SessionAggregate> {
  const out = new Map<string, SessionAggregate>();
  for (const [session, a] of groups) {
    out.set(session, { maxTimeMicros: a.maxTimeMicros, userIds: [...a.users].sort((x, y) => x - y), count: a.count, priceCents: a.priceCents });
  }
  return out;
}

/** Reads the whole file and computes the narrow and wide results. */
export function referenceResult(path: string): ReferenceResult {
  const lines = readFileSync(path, 'latin1').split('\n');
  const header = lines[0].split(',');
  const col: Record<string, number> = Object.fromEntries(header.map((name, i) => [name, i]));
  for (const name of ['event_time', 'event_type', 'price', 'user_id', 'user_session']) {
    if (col[name] === undefined) throw new Error(`reference: no column ${name} in ${path}`);
  }
  let rows = 0;
  let purchases = 0;
  const all = new Map<string, Accumulator>();
  const bought = new Map<string, Accumulator>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const fields = line.split(',');
    if (fields.length !== header.length) throw new Error(`reference: line ${i + 1} has ${fields.length} fields`);
    rows++;
    add(all, fields, col);
    if (fields[col.event_type] === 'purchase') {
      purchases++;
      add(bought, fields, col);
    }
  }
  return { rows, purchases, wide: freeze(all), widePurchases: freeze(bought) };
}
