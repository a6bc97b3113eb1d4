import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Rows of the seeded dataset the macro benchmark reads. */
  readonly rows: number;
  readonly seed: number;
  /** Timed repetitions of each macro job, per engine (after one untimed warm-up). */
  readonly reps: number;
  readonly micro: boolean;
  readonly macro: boolean;
  /** The cluster figures (local-cluster, fault-free and with a killed executor). */
  readonly cluster: boolean;
  /** Rounds of the cluster benchmark (each: 5 applications, ~10 s each on 2M rows). */
  readonly clusterReps: number;
}

export const DEFAULT_ROWS = 2_000_000;
export const DEFAULT_SEED = 42;
export const DEFAULT_REPS = 7;
export const DEFAULT_CLUSTER_REPS = 5;

export const USAGE = `usage: pnpm bench [-- --rows N] [--reps N] [--seed N] [--cluster-reps N] [--no-micro] [--no-macro] [--no-cluster]
  --rows N     dataset rows (default ${DEFAULT_ROWS}); small N for a quick check
  --reps N     timed repetitions per macro job and engine (default ${DEFAULT_REPS})
  --seed N     dataset seed (default ${DEFAULT_SEED})
  --cluster-reps N  rounds of the cluster figures (default ${DEFAULT_CLUSTER_REPS}; 5 applications each)
  --no-micro   skip the micro-benchmarks
  --no-macro   skip the engine-vs-DuckDB jobs and the memory probe
  --no-cluster skip the cluster figures (local-cluster, fault-free and with a killed executor)`;

function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}\n${USAGE}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: 'string' },
      reps: { type: 'string' },
      seed: { type: 'string' },
      'no-micro': { type: 'boolean', default: false },
      'no-macro': { type: 'boolean', default: false },
      'no-cluster': { type: 'boolean', default: false },
      'cluster-reps': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    rows: positiveInt('rows', values.rows, DEFAULT_ROWS),
    seed: positiveInt('seed', values.seed, DEFAULT_SEED, 0),
    reps: positiveInt('reps', values.reps, DEFAULT_REPS),
    micro: !values['no-micro'],
    macro: !values['no-macro'],
    cluster: !values['no-cluster'],
    clusterReps: positiveInt('cluster-reps', values['cluster-reps'], DEFAULT_CLUSTER_REPS),
  };
}
