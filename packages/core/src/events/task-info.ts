/** One task attempt's identity, placement and timing: Spark's TaskInfo. */
import { booleanField, isJsonObject, numberField, stringField, type JsonObject } from './json-fields.js';
import { normaliseExecutorId } from './storage.js';

export type TaskLocality = 'PROCESS_LOCAL' | 'NODE_LOCAL' | 'NO_PREF' | 'RACK_LOCAL' | 'ANY';

export interface TaskInfo {
  /** Unique within the application. */
  taskId: number;
  /** The task's index within its stage attempt. */
  index: number;
  /** How many times this index was tried before, in this stage attempt. */
  attempt: number;
  /** The RDD partition computed; defaults to `index`. */
  partitionId?: number;
  launchTime: number;
  executorId: string;
  host: string;
  locality: TaskLocality;
  /** Default false. */
  speculative?: boolean;
  /** When the driver began fetching an indirect result; 0 if it never did (the default). */
  gettingResultTime?: number;
  /** 0 while running (the default). */
  finishTime?: number;
  /** Default false. */
  failed?: boolean;
  /** Default false. */
  killed?: boolean;
  /** Named counters this attempt added to (Spark's accumulator updates), e.g. sparkbench's cache reads. */
  accumulables?: Record<string, number>;
}

export interface TaskInfoJson {
  'Task ID': number;
  Index: number;
  Attempt: number;
  'Partition ID': number;
  'Launch Time': number;
  'Executor ID': string;
  Host: string;
  Locality: TaskLocality;
  Speculative: boolean;
  'Getting Result Time': number;
  'Finish Time': number;
  Failed: boolean;
  Killed: boolean;
  /** Accumulator updates: {"ID", "Name", "Update", "Value", "Internal", "Count Failed Values"}. */
  Accumulables: JsonObject[];
}

export function taskInfoJson(task: TaskInfo): TaskInfoJson {
  return {
    'Task ID': task.taskId,
    Index: task.index,
    Attempt: task.attempt,
    'Partition ID': task.partitionId ?? task.index,
    'Launch Time': task.launchTime,
    'Executor ID': task.executorId,
    Host: task.host,
    Locality: task.locality,
    Speculative: task.speculative ?? false,
    'Getting Result Time': task.gettingResultTime ?? 0,
    'Finish Time': task.finishTime ?? 0,
    Failed: task.failed ?? false,
    Killed: task.killed ?? false,
    Accumulables: Object.entries(task.accumulables ?? {}).map(([name, update], i) => ({
      ID: i,
      Name: name,
      Update: update,
      Value: update,
      Internal: false,
      'Count Failed Values': true,
    })),
  };
}

/** The "Update" of every named accumulable in a "Task Info" (numbers only). */
function readAccumulables(json: JsonObject): Record<string, number> {
  const out: Record<string, number> = {};
  const list = json['Accumulables'];
  if (!Array.isArray(list)) return out;
  for (const a of list) {
    if (!isJsonObject(a)) continue;
    const name = stringField(a, 'Name');
    const update = a['Update'];
    const n = typeof update === 'number' ? update : typeof update === 'string' ? Number(update) : NaN;
    if (name !== undefined && !Number.isNaN(n)) out[name] = n;
  }
  return out;
}

const LOCALITIES: readonly string[] = ['PROCESS_LOCAL', 'NODE_LOCAL', 'NO_PREF', 'RACK_LOCAL', 'ANY'];

function isTaskLocality(value: string | undefined): value is TaskLocality {
  return value !== undefined && LOCALITIES.includes(value);
}

/**
 * Reads a "Task Info" of any version, every optional field filled in. "Killed" arrived in
 * Spark 2.1 and "Partition ID" in 3.3; `<driver>` (Spark 1.x) reads as `driver`.
 */
export function readTaskInfo(json: unknown): Required<TaskInfo> | undefined {
  if (!isJsonObject(json)) return undefined;
  const taskId = numberField(json, 'Task ID');
  if (taskId === undefined) return undefined;
  const index = numberField(json, 'Index') ?? -1;
  const locality = stringField(json, 'Locality');
  return {
    taskId,
    index,
    attempt: numberField(json, 'Attempt') ?? 0,
    partitionId: numberField(json, 'Partition ID') ?? index,
    launchTime: numberField(json, 'Launch Time') ?? 0,
    executorId: normaliseExecutorId(stringField(json, 'Executor ID') ?? ''),
    host: stringField(json, 'Host') ?? '',
    locality: isTaskLocality(locality) ? locality : 'ANY',
    speculative: booleanField(json, 'Speculative') ?? false,
    gettingResultTime: numberField(json, 'Getting Result Time') ?? 0,
    finishTime: numberField(json, 'Finish Time') ?? 0,
    failed: booleanField(json, 'Failed') ?? false,
    killed: booleanField(json, 'Killed') ?? false,
    accumulables: readAccumulables(json),
  };
}
