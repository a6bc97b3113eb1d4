import type { JobName } from '../scenarios/seedJobs.js';

/** Engine time / DuckDB time the engine should stay under, per job (same machine, same run). */
export const RATIO_TARGETS: Readonly<Record<JobName, number>> = { narrow: 2, wide: 4 };

/** Peak RSS of the engine process / bytes of the cached purchases it should stay under. */
export const MEMORY_RATIO_TARGET = 4;
