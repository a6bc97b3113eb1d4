import type { SchedulerListener } from './scheduler-listener.js';

type Method = keyof SchedulerListener;

/** One listener that forwards every call to each of `listeners` (Spark's LiveListenerBus, synchronously). */
export function composeListeners(listeners: readonly SchedulerListener[]): SchedulerListener {
  const forward =
    (name: Method) =>
    (...args: unknown[]): void => {
      for (const l of listeners) (l[name] as ((...a: unknown[]) => void) | undefined)?.apply(l, args);
    };
  const methods: Method[] = [
    'jobStart',
    'jobEnd',
    'stageSubmitted',
    'stageCompleted',
    'taskStart',
    'taskEnd',
    'blockUpdated',
    'executorAdded',
    'executorRemoved',
    'unpersistRdd',
    'log',
  ];
  return Object.fromEntries(methods.map((m) => [m, forward(m)])) as SchedulerListener;
}
