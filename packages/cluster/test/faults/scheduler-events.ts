/**
 * Synthetic scheduler events, shaped as the DAG scheduler sends them, and hooks that record what
 * the injector does: the injector is tested by feeding it a job's life event by event.
 */
import type { StageView, TaskEndReasonView, TaskView, events } from '@sparkbench/core';
import type { FaultHooks, FaultTarget } from '../../src/faults/fault-injector.js';

/** Above Linux's pid_max (2^22): signalling it fails with ESRCH, for tests that only count signals. */
export const NO_SUCH_PID = 999_999_999;

export const SUCCESS: TaskEndReasonView = { kind: 'Success' };
export const FAILURE: TaskEndReasonView = { kind: 'ExceptionFailure', className: 'Error', description: 'boom', stack: '' };

export function stage(stageId: number, numTasks: number, parentIds: number[] = [], attemptId = 0): StageView {
  return { stageId, attemptId, name: `stage ${stageId}`, numTasks, rdds: [], parentIds, details: '' };
}

let nextTaskId = 0;

export function task(stageId: number, index: number, executorId = '0', stageAttemptId = 0): TaskView {
  return {
    taskId: nextTaskId++,
    index,
    attempt: 0,
    stageId,
    stageAttemptId,
    launchTime: 0,
    executorId,
    host: 'localhost',
    locality: 'PROCESS_LOCAL',
    taskType: 'ResultTask',
  };
}

export interface LogLine {
  readonly level: 'INFO' | 'WARN' | 'ERROR';
  readonly source: string;
  readonly message: string;
}

/** Hooks over a fixed set of executors; tests set `running` and read `records`, `logs` and `signals`. */
export class RecordingHooks implements FaultHooks {
  readonly running = new Map<string, number>();
  readonly records: events.FaultInjection[] = [];
  readonly logs: LogLine[] = [];
  /** Every signal sent, in order; each is also really sent with process.kill. */
  readonly signals: { pid: number; signal: NodeJS.Signals }[] = [];

  constructor(readonly targets: FaultTarget[]) {}

  executors(): FaultTarget[] {
    return this.targets;
  }

  runningTasks(): ReadonlyMap<string, number> {
    return this.running;
  }

  record(f: events.FaultInjection): void {
    this.records.push(f);
  }

  log(level: 'INFO' | 'WARN' | 'ERROR', source: string, message: string): void {
    this.logs.push({ level, source, message });
  }

  signal(pid: number, signal: NodeJS.Signals): void {
    this.signals.push({ pid, signal });
    process.kill(pid, signal);
  }

  messages(level: LogLine['level']): string[] {
    return this.logs.filter((l) => l.level === level).map((l) => `${l.source}: ${l.message}`);
  }
}

/** The same hooks without `signal`, so the injector falls back to process.kill itself. */
export function withDefaultSignal(h: RecordingHooks): FaultHooks {
  return {
    executors: () => h.executors(),
    runningTasks: () => h.runningTasks(),
    record: (f) => h.record(f),
    log: (level, source, message) => h.log(level, source, message),
  };
}
