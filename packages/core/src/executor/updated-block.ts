import type { BlockStatus } from '../storage/block-manager.js';
import type { UpdatedBlock } from '../scheduler/task.js';

/** A block manager status as plain data, the shape that travels to the driver. */
export function toUpdatedBlock(blockId: string, status: BlockStatus): UpdatedBlock {
  const level = status.storageLevel;
  return {
    blockId,
    storageLevel: level.name ?? level.toString(),
    useDisk: level.useDisk,
    useMemory: level.useMemory,
    useOffHeap: level.useOffHeap,
    deserialized: level.deserialized,
    replication: level.replication,
    memSize: status.memSize,
    diskSize: status.diskSize,
  };
}
