/**
 * Block-manager shapes shared by several events: storage levels, block manager ids and
 * block statuses, each as a camelCase domain type, its Spark JSON form, and both conversions.
 */
import { booleanField, isJsonObject, numberField, objectField, stringField } from './json-fields.js';

/** How a block is kept; mirrors Spark's StorageLevel. */
export interface StorageLevel {
  useDisk: boolean;
  useMemory: boolean;
  useOffHeap: boolean;
  deserialized: boolean;
  replication: number;
}

export interface StorageLevelJson {
  'Use Disk': boolean;
  'Use Memory': boolean;
  /** Written since Spark 3.4; older logs omit it (and 1.x ones have "Use Tachyon" instead). */
  'Use Off Heap'?: boolean;
  Deserialized: boolean;
  Replication: number;
}

function level(useDisk: boolean, useMemory: boolean, deserialized: boolean): Readonly<StorageLevel> {
  return Object.freeze({ useDisk, useMemory, useOffHeap: false, deserialized, replication: 1 });
}

/** The levels our block manager uses, named as in Spark's StorageLevel object. */
export const StorageLevels = Object.freeze({
  NONE: level(false, false, false),
  DISK_ONLY: level(true, false, false),
  MEMORY_ONLY: level(false, true, true),
  MEMORY_ONLY_SER: level(false, true, false),
  MEMORY_AND_DISK: level(true, true, true),
  MEMORY_AND_DISK_SER: level(true, true, false),
});

export function storageLevelJson(level: StorageLevel): StorageLevelJson {
  return {
    'Use Disk': level.useDisk,
    'Use Memory': level.useMemory,
    'Use Off Heap': level.useOffHeap,
    Deserialized: level.deserialized,
    Replication: level.replication,
  };
}

export function readStorageLevel(json: unknown): StorageLevel {
  const o = isJsonObject(json) ? json : {};
  return {
    useDisk: booleanField(o, 'Use Disk') ?? false,
    useMemory: booleanField(o, 'Use Memory') ?? false,
    useOffHeap: booleanField(o, 'Use Off Heap') ?? false,
    deserialized: booleanField(o, 'Deserialized') ?? false,
    replication: numberField(o, 'Replication') ?? 1,
  };
}

/** Where a block manager lives; mirrors Spark's BlockManagerId. */
export interface BlockManagerId {
  executorId: string;
  host: string;
  port: number;
}

export interface BlockManagerIdJson {
  'Executor ID': string;
  Host: string;
  Port: number;
}

export function blockManagerIdJson(id: BlockManagerId): BlockManagerIdJson {
  return { 'Executor ID': id.executorId, Host: id.host, Port: id.port };
}

/** Spark 1.x named the driver `<driver>`; later versions `driver`. The model uses the latter. */
export function normaliseExecutorId(executorId: string): string {
  return executorId === '<driver>' ? 'driver' : executorId;
}

export function readBlockManagerId(json: unknown): BlockManagerId | undefined {
  if (!isJsonObject(json)) return undefined;
  return {
    executorId: normaliseExecutorId(stringField(json, 'Executor ID') ?? ''),
    host: stringField(json, 'Host') ?? '',
    port: numberField(json, 'Port') ?? 0,
  };
}

/** A block's level and size after a change; "Updated Blocks" in task metrics lists these. */
export interface UpdatedBlock {
  blockId: string;
  storageLevel: StorageLevel;
  memSize: number;
  diskSize: number;
}

export interface UpdatedBlockJson {
  'Block ID': string;
  Status: {
    'Storage Level': StorageLevelJson;
    'Memory Size': number;
    'Disk Size': number;
  };
}

export function updatedBlockJson(block: UpdatedBlock): UpdatedBlockJson {
  return {
    'Block ID': block.blockId,
    Status: {
      'Storage Level': storageLevelJson(block.storageLevel),
      'Memory Size': block.memSize,
      'Disk Size': block.diskSize,
    },
  };
}

export function readUpdatedBlock(json: unknown): UpdatedBlock | undefined {
  if (!isJsonObject(json)) return undefined;
  const blockId = stringField(json, 'Block ID');
  const status = objectField(json, 'Status');
  if (blockId === undefined || status === undefined) return undefined;
  return {
    blockId,
    storageLevel: readStorageLevel(status['Storage Level']),
    memSize: numberField(status, 'Memory Size') ?? 0,
    diskSize: numberField(status, 'Disk Size') ?? 0,
  };
}

/** A block stored, changed or dropped on one block manager: SparkListenerBlockUpdated's payload. */
export interface BlockUpdate {
  blockManagerId: BlockManagerId;
  blockId: string;
  storageLevel: StorageLevel;
  memSize: number;
  diskSize: number;
}

export interface BlockUpdatedInfoJson {
  'Block Manager ID': BlockManagerIdJson;
  'Block ID': string;
  'Storage Level': StorageLevelJson;
  'Memory Size': number;
  'Disk Size': number;
}

export function blockUpdatedInfoJson(update: BlockUpdate): BlockUpdatedInfoJson {
  return {
    'Block Manager ID': blockManagerIdJson(update.blockManagerId),
    'Block ID': update.blockId,
    'Storage Level': storageLevelJson(update.storageLevel),
    'Memory Size': update.memSize,
    'Disk Size': update.diskSize,
  };
}

export function readBlockUpdate(json: unknown): BlockUpdate | undefined {
  if (!isJsonObject(json)) return undefined;
  const blockManagerId = readBlockManagerId(json['Block Manager ID']);
  const blockId = stringField(json, 'Block ID');
  if (blockManagerId === undefined || blockId === undefined) return undefined;
  return {
    blockManagerId,
    blockId,
    storageLevel: readStorageLevel(json['Storage Level']),
    memSize: numberField(json, 'Memory Size') ?? 0,
    diskSize: numberField(json, 'Disk Size') ?? 0,
  };
}
