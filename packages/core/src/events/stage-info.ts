/** A stage attempt and the RDDs it computes: Spark's StageInfo and RDDInfo. */
import {
  arrayField,
  booleanField,
  isJsonObject,
  numberArrayField,
  numberField,
  stringField,
  type JsonObject,
} from './json-fields.js';
import { readStorageLevel, storageLevelJson, StorageLevels, type StorageLevel, type StorageLevelJson } from './storage.js';

/** The API call that made an RDD, for grouping in the Spark UI's DAG view. */
export interface RddOperationScope {
  id: string;
  name: string;
  parent?: RddOperationScope;
}

export type DeterministicLevel = 'DETERMINATE' | 'UNORDERED' | 'INDETERMINATE';

export interface RddInfo {
  rddId: number;
  name: string;
  scope?: RddOperationScope;
  callSite: string;
  parentIds: number[];
  storageLevel: StorageLevel;
  /** Default false. */
  isBarrier?: boolean;
  /** Default DETERMINATE. */
  deterministicLevel?: DeterministicLevel;
  numPartitions: number;
  numCachedPartitions: number;
  memSize: number;
  diskSize: number;
}

export interface RddInfoJson {
  'RDD ID': number;
  Name: string;
  /** RDDOperationScope as a JSON string, not an object: that is how Spark writes it. */
  Scope?: string;
  Callsite: string;
  'Parent IDs': number[];
  'Storage Level': StorageLevelJson;
  Barrier: boolean;
  DeterministicLevel: DeterministicLevel;
  'Number of Partitions': number;
  'Number of Cached Partitions': number;
  'Memory Size': number;
  'Disk Size': number;
}

export interface StageInfo {
  stageId: number;
  attemptId: number;
  name: string;
  numTasks: number;
  rddInfos: RddInfo[];
  parentIds: number[];
  details: string;
  submissionTime?: number;
  completionTime?: number;
  failureReason?: string;
}

export interface StageInfoJson {
  'Stage ID': number;
  'Stage Attempt ID': number;
  'Stage Name': string;
  'Number of Tasks': number;
  'RDD Info': RddInfoJson[];
  'Parent IDs': number[];
  Details: string;
  'Submission Time'?: number;
  'Completion Time'?: number;
  'Failure Reason'?: string;
  /** Accumulator values; we report none. */
  Accumulables: JsonObject[];
  'Resource Profile Id': number;
  'Shuffle Push Enabled': boolean;
  'Shuffle Push Mergers Count': number;
}

export function rddInfoJson(rdd: RddInfo): RddInfoJson {
  return {
    'RDD ID': rdd.rddId,
    Name: rdd.name,
    ...(rdd.scope && { Scope: JSON.stringify(rdd.scope) }),
    Callsite: rdd.callSite,
    'Parent IDs': [...rdd.parentIds],
    'Storage Level': storageLevelJson(rdd.storageLevel),
    Barrier: rdd.isBarrier ?? false,
    DeterministicLevel: rdd.deterministicLevel ?? 'DETERMINATE',
    'Number of Partitions': rdd.numPartitions,
    'Number of Cached Partitions': rdd.numCachedPartitions,
    'Memory Size': rdd.memSize,
    'Disk Size': rdd.diskSize,
  };
}

export function stageInfoJson(stage: StageInfo): StageInfoJson {
  return {
    'Stage ID': stage.stageId,
    'Stage Attempt ID': stage.attemptId,
    'Stage Name': stage.name,
    'Number of Tasks': stage.numTasks,
    'RDD Info': stage.rddInfos.map(rddInfoJson),
    'Parent IDs': [...stage.parentIds],
    Details: stage.details,
    ...(stage.submissionTime !== undefined && { 'Submission Time': stage.submissionTime }),
    ...(stage.completionTime !== undefined && { 'Completion Time': stage.completionTime }),
    ...(stage.failureReason !== undefined && { 'Failure Reason': stage.failureReason }),
    Accumulables: [],
    // Spark's default resource profile, and no push-based shuffle.
    'Resource Profile Id': 0,
    'Shuffle Push Enabled': false,
    'Shuffle Push Mergers Count': 0,
  };
}

function readScope(value: unknown): RddOperationScope | undefined {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isJsonObject(parsed)) return undefined;
  const id = stringField(parsed, 'id');
  const name = stringField(parsed, 'name');
  if (id === undefined || name === undefined) return undefined;
  const parent = readScope(parsed['parent']);
  return { id, name, ...(parent && { parent }) };
}

const DETERMINISTIC_LEVELS: readonly string[] = ['DETERMINATE', 'UNORDERED', 'INDETERMINATE'];

function isDeterministicLevel(value: string | undefined): value is DeterministicLevel {
  return value !== undefined && DETERMINISTIC_LEVELS.includes(value);
}

/** Reads "RDD Info" entries of any version; 1.x ones lack scope, call site and parents. */
export function readRddInfo(json: unknown): RddInfo | undefined {
  if (!isJsonObject(json)) return undefined;
  const rddId = numberField(json, 'RDD ID');
  if (rddId === undefined) return undefined;
  const scope = readScope(json['Scope']);
  const level = stringField(json, 'DeterministicLevel');
  return {
    rddId,
    name: stringField(json, 'Name') ?? '',
    ...(scope && { scope }),
    callSite: stringField(json, 'Callsite') ?? '',
    parentIds: numberArrayField(json, 'Parent IDs') ?? [],
    storageLevel: json['Storage Level'] === undefined ? StorageLevels.NONE : readStorageLevel(json['Storage Level']),
    isBarrier: booleanField(json, 'Barrier') ?? false,
    deterministicLevel: isDeterministicLevel(level) ? level : 'DETERMINATE',
    numPartitions: numberField(json, 'Number of Partitions') ?? 0,
    numCachedPartitions: numberField(json, 'Number of Cached Partitions') ?? 0,
    memSize: numberField(json, 'Memory Size') ?? 0,
    diskSize: numberField(json, 'Disk Size') ?? 0,
  };
}

/** Reads a "Stage Info" of any version; before Spark 1.2 there is no "Stage Attempt ID" (read as 0). */
export function readStageInfo(json: unknown): StageInfo | undefined {
  if (!isJsonObject(json)) return undefined;
  const stageId = numberField(json, 'Stage ID');
  if (stageId === undefined) return undefined;
  const submissionTime = numberField(json, 'Submission Time');
  const completionTime = numberField(json, 'Completion Time');
  const failureReason = stringField(json, 'Failure Reason');
  return {
    stageId,
    attemptId: numberField(json, 'Stage Attempt ID') ?? 0,
    name: stringField(json, 'Stage Name') ?? '',
    numTasks: numberField(json, 'Number of Tasks') ?? 0,
    rddInfos: (arrayField(json, 'RDD Info') ?? []).flatMap((r) => readRddInfo(r) ?? []),
    parentIds: numberArrayField(json, 'Parent IDs') ?? [],
    details: stringField(json, 'Details') ?? '',
    ...(submissionTime !== undefined && { submissionTime }),
    ...(completionTime !== undefined && { completionTime }),
    ...(failureReason !== undefined && { failureReason }),
  };
}
