/**
 * Spark's SparkListenerStageExecutorMetrics: an executor's peak metrics over a stage, written when the
 * stage ends. sparkbench writes the driver's own (its task threads run there in local mode, and in a
 * cluster it is the process that schedules), so a report can give every process's peak memory.
 */
export interface SparkListenerStageExecutorMetrics {
  Event: 'SparkListenerStageExecutorMetrics';
  'Executor ID': string;
  'Stage ID': number;
  'Stage Attempt ID': number;
  'Executor Metrics': Record<string, number>;
}

export interface StageExecutorMetrics {
  executorId: string;
  stageId: number;
  stageAttemptId: number;
  /** By Spark's names, e.g. ProcessTreeJVMRSSMemory. */
  metrics: Record<string, number>;
}

export function stageExecutorMetricsEvent(m: StageExecutorMetrics): SparkListenerStageExecutorMetrics {
  return {
    Event: 'SparkListenerStageExecutorMetrics',
    'Executor ID': m.executorId,
    'Stage ID': m.stageId,
    'Stage Attempt ID': m.stageAttemptId,
    'Executor Metrics': m.metrics,
  };
}
