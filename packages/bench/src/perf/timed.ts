import { performance } from 'node:perf_hooks';

export interface Timed<T> {
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /**
   * CPU milliseconds (user + system) this process used meanwhile, every thread included: the engine's
   * task threads and DuckDB's threads alike. Other processes' load stretches wall time far more than
   * it changes this, so it is a second, steadier view when the machine is shared.
   */
  readonly cpuMs: number;
  /** The call's result, kept so answers can be checked. */
  readonly value: T;
}

export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}
