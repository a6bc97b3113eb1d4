import type { ExecutorView, TaskDescription, TaskOutcome, UpdatedBlock } from '@sparkbench/core';

/** Where an executor serves its blocks and shuffle files (Spark's BlockManagerId). */
export interface ExecutorAddress {
  readonly executorId: string;
  readonly host: string;
  readonly port: number;
}

// ---- worker ⇄ master (Spark's DeployMessages) ----
export interface RegisterWorker {
  readonly type: 'RegisterWorker';
  readonly workerId: string;
  readonly host: string;
  readonly cores: number;
  readonly memoryMb: number;
  readonly pid: number;
}
export interface LaunchExecutor {
  readonly type: 'LaunchExecutor';
  readonly appId: string;
  readonly executorId: string;
  readonly cores: number;
  readonly memoryMb: number;
  readonly driverHost: string;
  readonly driverPort: number;
  /** Settings the executor needs (heartbeat interval, memory fraction, ...). */
  readonly conf: Readonly<Record<string, string>>;
}
export interface KillExecutor {
  readonly type: 'KillExecutor';
  readonly appId: string;
  readonly executorId: string;
}
export interface ExecutorStateChanged {
  readonly type: 'ExecutorStateChanged';
  readonly appId: string;
  readonly executorId: string;
  readonly state: 'RUNNING' | 'EXITED' | 'KILLED' | 'FAILED';
  readonly exitCode?: number;
  readonly message: string;
  readonly pid?: number;
}

// ---- driver ⇄ master ----
export interface RegisterApplication {
  readonly type: 'RegisterApplication';
  readonly appId: string;
  readonly appName: string;
  readonly coresPerExecutor: number;
  readonly memoryPerExecutorMb: number;
  readonly driverHost: string;
  readonly driverPort: number;
  readonly conf: Readonly<Record<string, string>>;
}
export interface ExecutorAddedMsg {
  readonly type: 'ExecutorAdded';
  readonly executorId: string;
  readonly workerId: string;
  readonly host: string;
  readonly cores: number;
}
export interface ExecutorRemovedMsg {
  readonly type: 'ExecutorRemoved';
  readonly executorId: string;
  readonly message: string;
  readonly exitCode?: number;
  readonly workerLost: boolean;
}
export interface KillAndReplace {
  readonly type: 'KillAndReplaceExecutor';
  readonly appId: string;
  readonly executorId: string;
}
export interface UnregisterApplication {
  readonly type: 'UnregisterApplication';
  readonly appId: string;
}
export interface MasterStateRequest {
  readonly type: 'MasterState';
}
export interface MasterState {
  readonly workers: { workerId: string; host: string; cores: number; coresUsed: number; memoryMb: number; memoryUsedMb: number; pid: number }[];
  readonly apps: { appId: string; appName: string; executors: string[] }[];
}

// ---- executor ⇄ driver (CoarseGrainedClusterMessages) ----
export interface RegisterExecutor {
  readonly type: 'RegisterExecutor';
  readonly executor: ExecutorView;
  readonly port: number;
  readonly workerPid: number;
}
export interface LaunchTask {
  readonly type: 'LaunchTask';
  readonly task: TaskDescription;
}
export interface StatusUpdate {
  readonly type: 'StatusUpdate';
  readonly executorId: string;
  readonly taskId: number;
  readonly outcome: TaskOutcome;
}
export interface Heartbeat {
  readonly type: 'Heartbeat';
  readonly executorId: string;
}
export interface UpdateBlockInfo {
  readonly type: 'UpdateBlockInfo';
  readonly executorId: string;
  readonly block: UpdatedBlock;
}
export interface ExecutorAddresses {
  readonly type: 'ExecutorAddresses';
  readonly addresses: readonly ExecutorAddress[];
}
export interface RemoveRdd {
  readonly type: 'RemoveRdd';
  readonly rddId: number;
}
export interface StopExecutor {
  readonly type: 'StopExecutor';
}
export interface ExecutorLog {
  readonly type: 'ExecutorLog';
  readonly level: 'INFO' | 'WARN' | 'ERROR';
  readonly source: string;
  readonly message: string;
}

// ---- executor ⇄ executor (block transfer) ----
export interface FetchBlock {
  readonly type: 'FetchBlock';
  readonly blockId: string;
}
export interface FetchShuffleBlock {
  readonly type: 'FetchShuffleBlock';
  readonly shuffleId: number;
  readonly mapId: number;
  readonly reduceId: number;
}
export interface UploadBlock {
  readonly type: 'UploadBlock';
  readonly blockId: string;
  readonly bytes: Uint8Array;
  readonly level: string;
}
