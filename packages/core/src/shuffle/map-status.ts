/** Spark's MapStatus: where one map task left its shuffle output and how big each reduce slice is. */
export interface MapStatus {
  readonly shuffleId: number;
  /** The map task's attempt id (Spark 3 names shuffle blocks by it, so attempts never collide). */
  readonly mapId: number;
  readonly mapIndex: number;
  readonly executorId: string;
  readonly host: string;
  /** Byte size of each reduce partition's slice. */
  readonly sizes: readonly number[];
}
