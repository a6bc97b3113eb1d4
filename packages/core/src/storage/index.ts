export { StorageLevel, UnknownStorageLevelError, type MemoryMode } from './storage-level.js';
export {
  type BlockId,
  UnrecognizedBlockIdError,
  rddBlockId,
  shuffleBlockId,
  shuffleDataBlockId,
  shuffleIndexBlockId,
  broadcastBlockId,
  taskResultBlockId,
  blockIdName,
  parseBlockId,
  isRddBlock,
  isShuffleBlock,
  isBroadcastBlock,
  isTaskResultBlock,
  rddIdOf,
} from './block-id.js';
export { MemoryStore, type MemoryEntry, type EvictedBlock, type MemoryPutResult } from './memory-store.js';
export { DiskStore } from './disk-store.js';
export {
  BlockManager,
  EMPTY_BLOCK_STATUS,
  type BlockManagerOptions,
  type BlockStatus,
  type DroppedBlock,
  type PutResult,
} from './block-manager.js';
export { storageMemoryBytes, RESERVED_SYSTEM_MEMORY_BYTES } from './memory-budget.js';
export { parseMemoryString, bytesToString, InvalidMemoryStringError, type ByteUnit } from './byte-string.js';
