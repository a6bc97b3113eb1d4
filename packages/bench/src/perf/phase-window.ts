/** A stretch of a profiled run, in microseconds of the monotonic clock the CPU profiler uses. */
export interface PhaseWindow {
  readonly phase: string;
  readonly startUs: number;
  readonly endUs: number;
}
