import { constants } from 'node:os';

/** A child's exit as a shell (and Spark's ExecutorRunner) reports it: 128 + signal number when signalled. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal !== null) return 128 + (constants.signals[signal] ?? 0);
  return -1;
}

/** Spark's message for an executor whose process ended: "Command exited with code 143". */
export function exitMessage(code: number): string {
  return `Command exited with code ${code}`;
}
