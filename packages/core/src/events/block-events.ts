/** Cached blocks changing and RDDs being unpersisted. */
import { blockUpdatedInfoJson, type BlockUpdate, type BlockUpdatedInfoJson } from './storage.js';

/** Spark writes these only with spark.eventLog.logBlockUpdates.enabled; we always do. It has no timestamp. */
export interface SparkListenerBlockUpdated {
  Event: 'SparkListenerBlockUpdated';
  'Block Updated Info': BlockUpdatedInfoJson;
}

export interface SparkListenerUnpersistRDD {
  Event: 'SparkListenerUnpersistRDD';
  'RDD ID': number;
}

export function blockUpdatedEvent(update: BlockUpdate): SparkListenerBlockUpdated {
  return { Event: 'SparkListenerBlockUpdated', 'Block Updated Info': blockUpdatedInfoJson(update) };
}

export function unpersistRddEvent(rddId: number): SparkListenerUnpersistRDD {
  return { Event: 'SparkListenerUnpersistRDD', 'RDD ID': rddId };
}
