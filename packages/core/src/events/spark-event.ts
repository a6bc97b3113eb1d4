/** Every event the engine writes, and the names the reader recognises. */
import type {
  SparkListenerApplicationEnd,
  SparkListenerApplicationStart,
  SparkListenerEnvironmentUpdate,
  SparkListenerLogStart,
} from './app-events.js';
import type { SparkListenerBlockUpdated, SparkListenerUnpersistRDD } from './block-events.js';
import type {
  SparkListenerBlockManagerAdded,
  SparkListenerBlockManagerRemoved,
  SparkListenerExecutorAdded,
  SparkListenerExecutorRemoved,
} from './executor-events.js';
import type { SparkbenchFaultInjected } from './fault-event.js';
import type { SparkListenerJobEnd, SparkListenerJobStart } from './job-events.js';
import type { SparkListenerStageCompleted, SparkListenerStageSubmitted } from './stage-events.js';
import type { SparkListenerTaskEnd, SparkListenerTaskStart } from './task-events.js';
import type { SparkListenerStageExecutorMetrics } from './stage-executor-metrics.js';

export type SparkEvent =
  | SparkListenerLogStart
  | SparkListenerApplicationStart
  | SparkListenerApplicationEnd
  | SparkListenerEnvironmentUpdate
  | SparkListenerExecutorAdded
  | SparkListenerExecutorRemoved
  | SparkListenerBlockManagerAdded
  | SparkListenerBlockManagerRemoved
  | SparkListenerJobStart
  | SparkListenerJobEnd
  | SparkListenerStageSubmitted
  | SparkListenerStageCompleted
  | SparkListenerTaskStart
  | SparkListenerTaskEnd
  | SparkListenerBlockUpdated
  | SparkListenerUnpersistRDD
  | SparkListenerStageExecutorMetrics
  | SparkbenchFaultInjected;

export type SparkEventName = SparkEvent['Event'];

// A record, so adding an event to the union without naming it here fails to compile.
const NAMES: Record<SparkEventName, true> = {
  SparkListenerLogStart: true,
  SparkListenerApplicationStart: true,
  SparkListenerApplicationEnd: true,
  SparkListenerEnvironmentUpdate: true,
  SparkListenerExecutorAdded: true,
  SparkListenerExecutorRemoved: true,
  SparkListenerBlockManagerAdded: true,
  SparkListenerBlockManagerRemoved: true,
  SparkListenerJobStart: true,
  SparkListenerJobEnd: true,
  SparkListenerStageSubmitted: true,
  SparkListenerStageCompleted: true,
  SparkListenerTaskStart: true,
  SparkListenerTaskEnd: true,
  SparkListenerBlockUpdated: true,
  SparkListenerUnpersistRDD: true,
  SparkListenerStageExecutorMetrics: true,
  SparkbenchFaultInjected: true,
};

export const SPARK_EVENT_NAMES: ReadonlySet<SparkEventName> = new Set(Object.keys(NAMES).filter(isSparkEventName));

export function isSparkEventName(name: unknown): name is SparkEventName {
  return typeof name === 'string' && Object.hasOwn(NAMES, name);
}

/**
 * One event as read back from a log. Its name is known, but its fields are whatever the writing
 * Spark version put there, so they stay `unknown` until narrowed.
 */
export interface LoggedEvent {
  readonly Event: SparkEventName;
  readonly [key: string]: unknown;
}
