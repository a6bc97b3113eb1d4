/**
 * Why a task ended: Spark's TaskEndReason. `kind` is Spark's "Reason" string, so counts by
 * kind match counts of "Task End Reason"."Reason" in any log.
 */
import { arrayField, booleanField, isJsonObject, numberField, stringField, type JsonObject } from './json-fields.js';
import { stackFramesFromError, stackTraceJson, readStackTrace, type StackFrame, type StackFrameJson } from './stack-trace.js';
import { blockManagerIdJson, readBlockManagerId, type BlockManagerId, type BlockManagerIdJson } from './storage.js';

export interface FetchFailedReason {
  kind: 'FetchFailed';
  /** Absent when the map output location itself was missing (Spark writes no address then). */
  blockManagerAddress?: BlockManagerId;
  shuffleId: number;
  mapId: number;
  mapIndex: number;
  reduceId: number;
  message: string;
}

export interface ExceptionFailureReason {
  kind: 'ExceptionFailure';
  className: string;
  description: string;
  stackTrace: StackFrame[];
  fullStackTrace: string;
}

export interface TaskCommitDeniedReason {
  kind: 'TaskCommitDenied';
  jobId: number;
  partitionId: number;
  attemptNumber: number;
}

export interface ExecutorLostFailureReason {
  kind: 'ExecutorLostFailure';
  executorId: string;
  /** False when the executor died for reasons outside the app (killed, node lost). */
  exitCausedByApp: boolean;
  lossReason?: string;
}

export interface TaskKilledReason {
  kind: 'TaskKilled';
  killReason: string;
}

export type TaskEndReason =
  | { kind: 'Success' }
  | { kind: 'Resubmitted' }
  | { kind: 'TaskResultLost' }
  | { kind: 'UnknownReason' }
  | FetchFailedReason
  | ExceptionFailureReason
  | TaskCommitDeniedReason
  | ExecutorLostFailureReason
  | TaskKilledReason;

export type TaskEndReasonKind = TaskEndReason['kind'];

/** Accumulator updates; we never report any, but Spark's readers expect the array. */
export type AccumulableInfoJson = JsonObject;

export type TaskEndReasonJson =
  | { Reason: 'Success' | 'Resubmitted' | 'TaskResultLost' | 'UnknownReason' }
  | {
      Reason: 'FetchFailed';
      'Block Manager Address'?: BlockManagerIdJson;
      'Shuffle ID': number;
      'Map ID': number;
      'Map Index': number;
      'Reduce ID': number;
      Message: string;
    }
  | {
      Reason: 'ExceptionFailure';
      'Class Name': string;
      Description: string;
      'Stack Trace': StackFrameJson[];
      'Full Stack Trace': string;
      'Accumulator Updates': AccumulableInfoJson[];
    }
  | { Reason: 'TaskCommitDenied'; 'Job ID': number; 'Partition ID': number; 'Attempt Number': number }
  | { Reason: 'ExecutorLostFailure'; 'Executor ID': string; 'Exit Caused By App': boolean; 'Loss Reason'?: string }
  | { Reason: 'TaskKilled'; 'Kill Reason': string; 'Accumulator Updates': AccumulableInfoJson[] };

export function taskEndReasonJson(reason: TaskEndReason): TaskEndReasonJson {
  switch (reason.kind) {
    case 'Success':
    case 'Resubmitted':
    case 'TaskResultLost':
    case 'UnknownReason':
      return { Reason: reason.kind };
    case 'FetchFailed':
      return {
        Reason: 'FetchFailed',
        ...(reason.blockManagerAddress && { 'Block Manager Address': blockManagerIdJson(reason.blockManagerAddress) }),
        'Shuffle ID': reason.shuffleId,
        'Map ID': reason.mapId,
        'Map Index': reason.mapIndex,
        'Reduce ID': reason.reduceId,
        Message: reason.message,
      };
    case 'ExceptionFailure':
      return {
        Reason: 'ExceptionFailure',
        'Class Name': reason.className,
        Description: reason.description,
        'Stack Trace': stackTraceJson(reason.stackTrace),
        'Full Stack Trace': reason.fullStackTrace,
        'Accumulator Updates': [],
      };
    case 'TaskCommitDenied':
      return {
        Reason: 'TaskCommitDenied',
        'Job ID': reason.jobId,
        'Partition ID': reason.partitionId,
        'Attempt Number': reason.attemptNumber,
      };
    case 'ExecutorLostFailure':
      return {
        Reason: 'ExecutorLostFailure',
        'Executor ID': reason.executorId,
        'Exit Caused By App': reason.exitCausedByApp,
        ...(reason.lossReason !== undefined && { 'Loss Reason': reason.lossReason }),
      };
    case 'TaskKilled':
      return { Reason: 'TaskKilled', 'Kill Reason': reason.killReason, 'Accumulator Updates': [] };
  }
}

/** An ExceptionFailure describing a JS error thrown by a task. */
export function exceptionFailure(error: unknown): ExceptionFailureReason {
  if (error instanceof Error) {
    return {
      kind: 'ExceptionFailure',
      className: error.name,
      description: error.message,
      stackTrace: stackFramesFromError(error),
      fullStackTrace: error.stack ?? `${error.name}: ${error.message}`,
    };
  }
  const description = String(error);
  return { kind: 'ExceptionFailure', className: typeof error, description, stackTrace: [], fullStackTrace: description };
}

/** Reads any Spark version's "Task End Reason", with the defaults Spark's own reader uses. */
export function readTaskEndReason(json: unknown): TaskEndReason {
  const o: JsonObject = isJsonObject(json) ? json : {};
  const kind = stringField(o, 'Reason');
  switch (kind) {
    case 'Success':
    case 'Resubmitted':
    case 'TaskResultLost':
    case 'UnknownReason':
      return { kind };
    case 'FetchFailed': {
      const address = readBlockManagerId(o['Block Manager Address']);
      return {
        kind,
        ...(address && { blockManagerAddress: address }),
        shuffleId: numberField(o, 'Shuffle ID') ?? -1,
        mapId: numberField(o, 'Map ID') ?? -1,
        // Before Spark 3.0 there was no map index; Spark fills Int.MinValue.
        mapIndex: numberField(o, 'Map Index') ?? -2147483648,
        reduceId: numberField(o, 'Reduce ID') ?? -1,
        message: stringField(o, 'Message') ?? 'Unknown reason',
      };
    }
    case 'ExceptionFailure':
      return {
        kind,
        className: stringField(o, 'Class Name') ?? '',
        description: stringField(o, 'Description') ?? '',
        stackTrace: readStackTrace(arrayField(o, 'Stack Trace')),
        fullStackTrace: stringField(o, 'Full Stack Trace') ?? '',
      };
    case 'TaskCommitDenied':
      return {
        kind,
        jobId: numberField(o, 'Job ID') ?? -1,
        partitionId: numberField(o, 'Partition ID') ?? -1,
        attemptNumber: numberField(o, 'Attempt Number') ?? -1,
      };
    case 'ExecutorLostFailure': {
      const lossReason = stringField(o, 'Loss Reason');
      return {
        kind,
        executorId: stringField(o, 'Executor ID') ?? 'Unknown',
        exitCausedByApp: booleanField(o, 'Exit Caused By App') ?? true,
        ...(lossReason !== undefined && { lossReason }),
      };
    }
    case 'TaskKilled':
      return { kind, killReason: stringField(o, 'Kill Reason') ?? 'unknown reason' };
    default:
      return { kind: 'UnknownReason' };
  }
}
