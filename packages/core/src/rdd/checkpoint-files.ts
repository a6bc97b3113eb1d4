import { join } from 'node:path';

/** A reliable checkpoint keeps one file per partition, named as Spark's ReliableCheckpointRDD names them. */
export function checkpointFile(dir: string, partition: number): string {
  return join(dir, `part-${String(partition).padStart(5, '0')}`);
}
