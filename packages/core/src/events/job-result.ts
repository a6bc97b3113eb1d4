/** How a job ended: Spark's JobResult. */
import { isJsonObject, objectField, stringField } from './json-fields.js';
import { readStackTrace, stackFramesFromError, stackTraceJson, type StackFrame, type StackFrameJson } from './stack-trace.js';

export type JobResult =
  | { kind: 'JobSucceeded' }
  | { kind: 'JobFailed'; message: string; stackTrace?: StackFrame[] };

export type JobResultJson =
  | { Result: 'JobSucceeded' }
  | { Result: 'JobFailed'; Exception: { Message: string; 'Stack Trace': StackFrameJson[] } };

export function jobResultJson(result: JobResult): JobResultJson {
  if (result.kind === 'JobSucceeded') return { Result: 'JobSucceeded' };
  return {
    Result: 'JobFailed',
    Exception: { Message: result.message, 'Stack Trace': stackTraceJson(result.stackTrace ?? []) },
  };
}

/** Undefined when the JSON names no result Spark knows. */
export function readJobResult(json: unknown): JobResult | undefined {
  if (!isJsonObject(json)) return undefined;
  const kind = stringField(json, 'Result');
  if (kind === 'JobSucceeded') return { kind };
  if (kind !== 'JobFailed') return undefined;
  const exception = objectField(json, 'Exception') ?? {};
  return {
    kind,
    message: stringField(exception, 'Message') ?? '',
    stackTrace: readStackTrace(exception['Stack Trace']),
  };
}

/** A JobFailed carrying a JS error's message and stack. */
export function jobFailed(error: unknown): JobResult {
  if (!(error instanceof Error)) return { kind: 'JobFailed', message: String(error), stackTrace: [] };
  return { kind: 'JobFailed', message: error.message, stackTrace: stackFramesFromError(error) };
}
