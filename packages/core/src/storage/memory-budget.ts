import { bytesToString } from './byte-string.js';

/** Spark's RESERVED_SYSTEM_MEMORY_BYTES: heap kept back for the runtime's own objects. */
export const RESERVED_SYSTEM_MEMORY_BYTES = 300 * 2 ** 20;

/**
 * Bytes an executor may use to cache blocks, following Spark's UnifiedMemoryManager:
 * `(executor memory - 300 MiB reserved) * spark.memory.fraction` (default 0.6).
 *
 * Storage gets the whole unified region. In Spark, storage and execution share that region and storage
 * may borrow everything execution is not using; `spark.memory.storageFraction` (0.5) only protects
 * cached blocks from being evicted by execution. Our engine does not account execution memory, so
 * execution never claims any of it back and the region is storage's to fill.
 *
 * Like Spark, executor memory below 1.5x the reserve is refused; pass `reservedBytes` 0 for the tiny
 * executors of tests and benchmarks (Spark's `spark.testing.reservedMemory`).
 */
export function storageMemoryBytes(executorMemoryBytes: number, memoryFraction = 0.6, reservedBytes = RESERVED_SYSTEM_MEMORY_BYTES): number {
  if (!(memoryFraction > 0 && memoryFraction <= 1)) {
    throw new RangeError(`spark.memory.fraction should be in (0, 1], got ${memoryFraction}`);
  }
  const minimum = reservedBytes * 1.5;
  if (executorMemoryBytes < minimum) {
    throw new RangeError(
      `Executor memory ${executorMemoryBytes} must be at least ${minimum} (${bytesToString(minimum)}). ` +
        'Please increase executor memory using the --executor-memory option or spark.executor.memory in Spark configuration.',
    );
  }
  return Math.floor((executorMemoryBytes - reservedBytes) * memoryFraction);
}
