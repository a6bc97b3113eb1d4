import { compareValues } from './evaluate.js';
import type { AggregateFn } from './expressions.js';
import type { Value } from './types.js';

/**
 * Spark's declarative aggregates as four steps: a fresh buffer, update with one input value, merge two
 * buffers (the reduce side of a map-side combine) and the final value. Buffers are plain data so partial
 * aggregates can be shuffled; collect_set keeps a Set while it runs and travels as an array.
 */
export interface AggregateImpl {
  init(): unknown;
  update(buffer: unknown, value: Value): unknown;
  merge(a: unknown, b: unknown): unknown;
  finish(buffer: unknown): Value;
  /** The buffer as shuffle-ready data. */
  toWire(buffer: unknown): unknown;
  fromWire(wire: unknown): unknown;
}

const identity = (x: unknown): unknown => x;

/** Adds two longs exactly: numbers while safe, bigint past 2^53. */
export function addLong(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  const big = BigInt(a) + BigInt(b);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function extremum(sign: 1 | -1): AggregateImpl {
  const pick = (a: unknown, b: unknown): unknown => {
    if (a === null) return b;
    if (b === null) return a;
    return compareValues(b as Value, a as Value) * sign > 0 ? b : a;
  };
  return {
    init: () => null,
    update: (buf, v) => (v === null ? buf : pick(buf, v)),
    merge: pick,
    finish: (buf) => buf as Value,
    toWire: identity,
    fromWire: identity,
  };
}

function sum(isDouble: boolean): AggregateImpl {
  const add = (a: unknown, b: unknown): unknown => {
    if (a === null) return b;
    if (b === null) return a;
    return isDouble ? (a as number) + (b as number) : addLong(a as number | bigint, b as number | bigint);
  };
  return {
    init: () => null,
    update: (buf, v) => (v === null ? buf : add(buf, isDouble ? Number(v) : v)),
    merge: add,
    finish: (buf) => buf as Value,
    toWire: identity,
    fromWire: identity,
  };
}

const avg: AggregateImpl = {
  init: () => [0, 0],
  update: (buf, v) => {
    if (v === null) return buf;
    const b = buf as [number, number];
    b[0] += Number(v);
    b[1] += 1;
    return b;
  },
  merge: (a, b) => {
    const x = a as [number, number];
    const y = b as [number, number];
    return [x[0] + y[0], x[1] + y[1]];
  },
  finish: (buf) => {
    const b = buf as [number, number];
    return b[1] === 0 ? null : b[0] / b[1];
  },
  toWire: identity,
  fromWire: identity,
};

function count(countNulls: boolean): AggregateImpl {
  return {
    init: () => 0,
    update: (buf, v) => (v === null && !countNulls ? buf : (buf as number) + 1),
    merge: (a, b) => (a as number) + (b as number),
    finish: (buf) => buf as number,
    toWire: identity,
    fromWire: identity,
  };
}

/** Set membership needs one key per distinct value; bigints and numbers of equal value are one key. */
function setKey(v: Value): unknown {
  return typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : Array.isArray(v) ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) : v;
}

const collectSet: AggregateImpl = {
  init: () => new Map<unknown, Value>(),
  update: (buf, v) => {
    if (v !== null) (buf as Map<unknown, Value>).set(setKey(v), v);
    return buf;
  },
  merge: (a, b) => {
    const m = a as Map<unknown, Value>;
    for (const [k, v] of b as Map<unknown, Value>) m.set(k, v);
    return m;
  },
  finish: (buf) => [...(buf as Map<unknown, Value>).values()],
  toWire: (buf) => [...(buf as Map<unknown, Value>).values()],
  fromWire: (wire) => {
    const m = new Map<unknown, Value>();
    for (const v of wire as Value[]) m.set(setKey(v), v);
    return m;
  },
};

const collectList: AggregateImpl = {
  init: () => [],
  update: (buf, v) => {
    if (v !== null) (buf as Value[]).push(v);
    return buf;
  },
  merge: (a, b) => {
    const x = a as Value[];
    for (const v of b as Value[]) x.push(v);
    return x;
  },
  finish: (buf) => buf as Value[],
  toWire: identity,
  fromWire: identity,
};

/** The implementation of `fn`; count(null) means count(1), which counts every row. */
export function aggregateImpl(fn: AggregateFn, inputIsDouble: boolean, countAll: boolean): AggregateImpl {
  switch (fn) {
    case 'max':
      return extremum(1);
    case 'min':
      return extremum(-1);
    case 'sum':
      return sum(inputIsDouble);
    case 'avg':
      return avg;
    case 'count':
      return count(countAll);
    case 'collect_set':
      return collectSet;
    case 'collect_list':
      return collectList;
  }
}
