/** Stage attempts being submitted and completing (successfully or not). */
import { stageInfoJson, type StageInfo, type StageInfoJson } from './stage-info.js';

export interface SparkListenerStageSubmitted {
  Event: 'SparkListenerStageSubmitted';
  'Stage Info': StageInfoJson;
  Properties: Record<string, string>;
}

export interface SparkListenerStageCompleted {
  Event: 'SparkListenerStageCompleted';
  /** A failed attempt carries "Failure Reason". */
  'Stage Info': StageInfoJson;
}

export function stageSubmittedEvent(s: { stageInfo: StageInfo; properties?: Record<string, string> }): SparkListenerStageSubmitted {
  return { Event: 'SparkListenerStageSubmitted', 'Stage Info': stageInfoJson(s.stageInfo), Properties: { ...s.properties } };
}

export function stageCompletedEvent(s: { stageInfo: StageInfo }): SparkListenerStageCompleted {
  return { Event: 'SparkListenerStageCompleted', 'Stage Info': stageInfoJson(s.stageInfo) };
}
