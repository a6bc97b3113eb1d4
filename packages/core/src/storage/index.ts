export { StorageLevel, UnknownStorageLevelError, type MemoryMode } from './storageLevel.js';
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
} from './blockId.js';
export { MemoryStore, type MemoryEntry, type EvictedBlock, type MemoryPutResult } from './memoryStore.js';
export { DiskStore } from './diskStore.js';
export {
  BlockManager,
  EMPTY_BLOCK_STATUS,
  type BlockManagerOptions,
  type BlockStatus,
  type DroppedBlock,
  type PutResult,
} from './blockManager.js';
export { storageMemoryBytes, RESERVED_SYSTEM_MEMORY_BYTES } from './memoryBudget.js';
export { parseMemoryString, bytesToString, InvalidMemoryStringError, type ByteUnit } from './byteString.js';
