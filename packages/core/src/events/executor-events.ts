/** Executors and block managers joining and leaving the application. */
import { blockManagerIdJson, type BlockManagerId, type BlockManagerIdJson } from './storage.js';

export interface ExecutorInfoJson {
  Host: string;
  'Total Cores': number;
  'Log Urls': Record<string, string>;
  Attributes: Record<string, string>;
  /** GPU-style resources; we have none, but Spark 3 always writes the object. */
  Resources: Record<string, never>;
  'Resource Profile Id': number;
  'Registration Time'?: number;
  'Request Time'?: number;
}

export interface SparkListenerExecutorAdded {
  Event: 'SparkListenerExecutorAdded';
  Timestamp: number;
  'Executor ID': string;
  'Executor Info': ExecutorInfoJson;
}

export interface SparkListenerExecutorRemoved {
  Event: 'SparkListenerExecutorRemoved';
  Timestamp: number;
  'Executor ID': string;
  'Removed Reason': string;
}

export interface SparkListenerBlockManagerAdded {
  Event: 'SparkListenerBlockManagerAdded';
  'Block Manager ID': BlockManagerIdJson;
  'Maximum Memory': number;
  Timestamp: number;
  'Maximum Onheap Memory'?: number;
  'Maximum Offheap Memory'?: number;
}

export interface SparkListenerBlockManagerRemoved {
  Event: 'SparkListenerBlockManagerRemoved';
  'Block Manager ID': BlockManagerIdJson;
  Timestamp: number;
}

export interface ExecutorAdded {
  time: number;
  executorId: string;
  host: string;
  totalCores: number;
  /** e.g. { stdout: url, stderr: url }. */
  logUrls?: Record<string, string>;
  attributes?: Record<string, string>;
  registrationTime?: number;
  requestTime?: number;
}

export function executorAddedEvent(e: ExecutorAdded): SparkListenerExecutorAdded {
  return {
    Event: 'SparkListenerExecutorAdded',
    Timestamp: e.time,
    'Executor ID': e.executorId,
    'Executor Info': {
      Host: e.host,
      'Total Cores': e.totalCores,
      'Log Urls': { ...e.logUrls },
      Attributes: { ...e.attributes },
      Resources: {},
      'Resource Profile Id': 0,
      ...(e.registrationTime !== undefined && { 'Registration Time': e.registrationTime }),
      ...(e.requestTime !== undefined && { 'Request Time': e.requestTime }),
    },
  };
}

export interface ExecutorRemoved {
  time: number;
  executorId: string;
  /** Free text, e.g. "Executor process exited with signal SIGKILL". */
  reason: string;
}

export function executorRemovedEvent(e: ExecutorRemoved): SparkListenerExecutorRemoved {
  return {
    Event: 'SparkListenerExecutorRemoved',
    Timestamp: e.time,
    'Executor ID': e.executorId,
    'Removed Reason': e.reason,
  };
}

export interface BlockManagerAdded {
  time: number;
  blockManagerId: BlockManagerId;
  /** Storage memory, bytes. */
  maxMem: number;
  maxOnHeapMem?: number;
  maxOffHeapMem?: number;
}

export function blockManagerAddedEvent(b: BlockManagerAdded): SparkListenerBlockManagerAdded {
  return {
    Event: 'SparkListenerBlockManagerAdded',
    'Block Manager ID': blockManagerIdJson(b.blockManagerId),
    'Maximum Memory': b.maxMem,
    Timestamp: b.time,
    ...(b.maxOnHeapMem !== undefined && { 'Maximum Onheap Memory': b.maxOnHeapMem }),
    ...(b.maxOffHeapMem !== undefined && { 'Maximum Offheap Memory': b.maxOffHeapMem }),
  };
}

export function blockManagerRemovedEvent(b: { time: number; blockManagerId: BlockManagerId }): SparkListenerBlockManagerRemoved {
  return {
    Event: 'SparkListenerBlockManagerRemoved',
    'Block Manager ID': blockManagerIdJson(b.blockManagerId),
    Timestamp: b.time,
  };
}
