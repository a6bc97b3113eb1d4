import type { DataFrame } from '@sparkbench/core';
import { readEvents, type JobName } from '../scenarios/seed-jobs.js';
import { DuckDbPeer } from './duckdb-jobs.js';
import { engineNarrow, engineWide, type JobAnswer } from './engine-jobs.js';
import { startEngine } from './engine-session.js';
import { spread, type Spread } from './spread.js';
import { RATIO_TARGETS } from './targets.js';
import { timed } from './timed.js';

export interface MacroJobResult {
  readonly job: JobName;
  /** Milliseconds per repetition. */
  readonly engine: Spread;
  readonly duckdb: Spread;
  /** median(engine) / median(duckdb): the figure the target is about. */
  readonly ratio: number;
  /** engine / duckdb of each repetition (the two ran back to back), to show how stable the ratio is. */
  readonly pairedRatios: Spread;
  /** Process CPU milliseconds per repetition (all threads); see Timed.cpuMs. */
  readonly engineCpu: Spread;
  readonly duckdbCpu: Spread;
  /** median(engine CPU) / median(DuckDB CPU): not the target, a cross-check of it on a busy machine. */
  readonly cpuRatio: number;
  readonly target: number;
  readonly pass: boolean;
  /** The answer both engines agreed on: purchases (narrow) or session groups (wide). */
  readonly agreedRows: number;
}

export interface MacroResult {
  /** `spark.read...csv(path)` with inferSchema: one job over the whole file, timed once. */
  readonly readMs: number;
  readonly schema: string;
  readonly duckdbVersion: string;
  readonly jobs: MacroJobResult[];
}

export class DisagreementError extends Error {}

function agree(job: JobName, engine: JobAnswer, duckdb: JobAnswer, expected: number | undefined): number {
  const what = job === 'narrow' ? 'purchase count' : 'session group count';
  if (engine.rows !== duckdb.rows) {
    throw new DisagreementError(`ENGINES DISAGREE on the ${job} job: engine ${what} ${engine.rows}, DuckDB ${duckdb.rows}`);
  }
  if (expected !== undefined && engine.rows !== expected) {
    throw new DisagreementError(`The ${job} job's ${what} changed between repetitions: ${expected} then ${engine.rows}`);
  }
  return engine.rows;
}

type Progress = (line: string) => void;

/**
 * Times each job on both engines: one untimed warm-up each (JIT, page cache, DuckDB's first-query
 * costs), then `reps` rounds. Within a round the engines run back to back, first one then the other,
 * swapping order each round: on a shared machine background load drifts over minutes, and
 * interleaving spreads that drift over both sides of the ratio instead of charging it to whichever
 * engine happened to run during it. (tinybench would run all of one task before the other, so the
 * macro loop is a plain one; the micro-benchmarks use tinybench.)
 */
export async function runMacro(csvPath: string, reps: number, progress: Progress): Promise<MacroResult> {
  const spark = await startEngine('sparkbench perf');
  const duck = await DuckDbPeer.open(csvPath);
  try {
    const read = await timed(() => readEvents(spark, csvPath));
    const df: DataFrame = read.value;
    progress(`read + inferSchema: ${read.ms.toFixed(0)} ms`);
    const jobs: MacroJobResult[] = [];
    for (const job of ['narrow', 'wide'] as const) {
      const runEngine = () => timed(() => (job === 'narrow' ? engineNarrow(df) : engineWide(df)));
      const runDuck = () => timed(() => (job === 'narrow' ? duck.narrow() : duck.wide()));
      let agreed = agree(job, (await runEngine()).value, (await runDuck()).value, undefined);
      const engineMs: number[] = [];
      const duckMs: number[] = [];
      const engineCpuMs: number[] = [];
      const duckCpuMs: number[] = [];
      for (let rep = 0; rep < reps; rep++) {
        const engineFirst = rep % 2 === 0;
        const first = engineFirst ? await runEngine() : await runDuck();
        const second = engineFirst ? await runDuck() : await runEngine();
        const [e, d] = engineFirst ? [first, second] : [second, first];
        agreed = agree(job, e.value, d.value, agreed);
        engineMs.push(e.ms);
        duckMs.push(d.ms);
        engineCpuMs.push(e.cpuMs);
        duckCpuMs.push(d.cpuMs);
        progress(`${job} rep ${rep + 1}/${reps}: engine ${e.ms.toFixed(0)} ms (CPU ${e.cpuMs.toFixed(0)}), DuckDB ${d.ms.toFixed(0)} ms (CPU ${d.cpuMs.toFixed(0)})`);
      }
      const engine = spread(engineMs);
      const duckdb = spread(duckMs);
      const ratio = engine.median / duckdb.median;
      const engineCpu = spread(engineCpuMs);
      const duckdbCpu = spread(duckCpuMs);
      const target = RATIO_TARGETS[job];
      jobs.push({
        job,
        engine,
        duckdb,
        ratio,
        pairedRatios: spread(engineMs.map((ms, i) => ms / duckMs[i])),
        engineCpu,
        duckdbCpu,
        cpuRatio: engineCpu.median / duckdbCpu.median,
        target,
        pass: ratio <= target,
        agreedRows: agreed,
      });
    }
    const schema = df.schema.map((f) => `${f.name}:${typeof f.type === 'string' ? f.type : JSON.stringify(f.type)}`).join(', ');
    return { readMs: read.ms, schema, duckdbVersion: await duck.version(), jobs };
  } finally {
    duck.close();
    await spark.stop();
  }
}
