/** Stack traces as Spark logs them (Java StackTraceElements), and how a JS error maps onto them. */
import { isJsonObject, numberField, stringField } from './json-fields.js';

export interface StackFrame {
  declaringClass: string;
  methodName: string;
  fileName?: string;
  /** -1 when unknown, as in Java. */
  lineNumber: number;
}

export interface StackFrameJson {
  'Declaring Class': string;
  'Method Name': string;
  /** Java allows a null file name, and Spark writes it as null. */
  'File Name': string | null;
  'Line Number': number;
}

export function stackTraceJson(frames: readonly StackFrame[]): StackFrameJson[] {
  return frames.map((f) => ({
    'Declaring Class': f.declaringClass,
    'Method Name': f.methodName,
    'File Name': f.fileName ?? null,
    'Line Number': f.lineNumber,
  }));
}

export function readStackTrace(json: unknown): StackFrame[] {
  if (!Array.isArray(json)) return [];
  return json.filter(isJsonObject).map((f) => {
    const fileName = stringField(f, 'File Name');
    return {
      declaringClass: stringField(f, 'Declaring Class') ?? '',
      methodName: stringField(f, 'Method Name') ?? '',
      ...(fileName === undefined ? {} : { fileName }),
      lineNumber: numberField(f, 'Line Number') ?? -1,
    };
  });
}

// V8 frames look like "    at Type.method (file:12:5)" or "    at file:12:5".
const V8_FRAME = /^\s*at (?:(.+?) \((.+?):(\d+):\d+\)|(.+?):(\d+):\d+)$/;
const V8_FRAME_NO_LOCATION = /^\s*at (.+?)(?: \((.*)\))?$/;

/** The frames of a JS error's V8 stack, as Java-style frames ("Type.method" splits at the last dot). */
export function stackFramesFromError(error: unknown): StackFrame[] {
  const stack = error instanceof Error ? error.stack : undefined;
  if (stack === undefined) return [];
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    const located = V8_FRAME.exec(line);
    if (located !== null) {
      const fn = located[1] ?? '<anonymous>';
      const dot = fn.lastIndexOf('.');
      frames.push({
        declaringClass: dot > 0 ? fn.slice(0, dot) : '',
        methodName: dot > 0 ? fn.slice(dot + 1) : fn,
        fileName: located[2] ?? located[4],
        lineNumber: Number(located[3] ?? located[5]),
      });
      continue;
    }
    const bare = V8_FRAME_NO_LOCATION.exec(line);
    if (bare !== null) frames.push({ declaringClass: '', methodName: bare[1], fileName: bare[2], lineNumber: -1 });
  }
  return frames;
}
