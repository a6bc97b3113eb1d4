/**
 * SparkbenchFaultInjected is OUR event, not Spark's: the fault injector logs what it did, so the
 * analysis can line faults up with the Spark events they caused. Spark's own replay skips events
 * it cannot resolve to a class, so logs holding it still open in a Spark history server.
 */
import { isJsonObject, numberField, stringField } from './json-fields.js';

export interface SparkbenchFaultInjected {
  Event: 'SparkbenchFaultInjected';
  Timestamp: number;
  /** What was done, e.g. "kill-executor". */
  Action: string;
  'Target Executor ID': string;
  Host: string;
  /** The process signalled; null when the action targets no process. */
  PID: number | null;
  /** e.g. "SIGKILL"; null when no signal was sent. */
  Signal: string | null;
  /** What fired the fault, e.g. "after 50% of stage 1 tasks" or "at 3000 ms". */
  Trigger: string;
  Detail?: string;
}

export interface FaultInjection {
  time: number;
  action: string;
  targetExecutorId: string;
  host: string;
  pid: number | null;
  signal: string | null;
  trigger: string;
  detail?: string;
}

export function faultInjectedEvent(f: FaultInjection): SparkbenchFaultInjected {
  return {
    Event: 'SparkbenchFaultInjected',
    Timestamp: f.time,
    Action: f.action,
    'Target Executor ID': f.targetExecutorId,
    Host: f.host,
    PID: f.pid,
    Signal: f.signal,
    Trigger: f.trigger,
    ...(f.detail !== undefined && { Detail: f.detail }),
  };
}

export function readFaultInjection(json: unknown): FaultInjection | undefined {
  if (!isJsonObject(json)) return undefined;
  const time = numberField(json, 'Timestamp');
  if (time === undefined) return undefined;
  const detail = stringField(json, 'Detail');
  return {
    time,
    action: stringField(json, 'Action') ?? '',
    targetExecutorId: stringField(json, 'Target Executor ID') ?? '',
    host: stringField(json, 'Host') ?? '',
    pid: numberField(json, 'PID') ?? null,
    signal: stringField(json, 'Signal') ?? null,
    trigger: stringField(json, 'Trigger') ?? '',
    ...(detail !== undefined && { detail }),
  };
}
