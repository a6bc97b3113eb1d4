import type { UpdatedBlock } from '../scheduler/task.js';
import { rddBlockId } from './block-id.js';

/**
 * The driver's map of where every cached block lives (Spark's BlockManagerMasterEndpoint). Executors
 * report each store, eviction and removal; an executor's loss removes all its copies at once.
 */
export class BlockManagerMaster {
  private readonly blocks = new Map<string, Map<string, UpdatedBlock>>();

  update(executorId: string, block: UpdatedBlock): void {
    const stored = block.useMemory || block.useDisk;
    let copies = this.blocks.get(block.blockId);
    if (!stored) {
      copies?.delete(executorId);
      if (copies?.size === 0) this.blocks.delete(block.blockId);
      return;
    }
    if (copies === undefined) {
      copies = new Map();
      this.blocks.set(block.blockId, copies);
    }
    copies.set(executorId, block);
  }

  locations(blockId: string): string[] {
    return [...(this.blocks.get(blockId)?.keys() ?? [])];
  }

  status(blockId: string): ReadonlyMap<string, UpdatedBlock> {
    return this.blocks.get(blockId) ?? new Map();
  }

  /** Forgets an executor's copies; returns the blocks of which it held the last copy. */
  removeExecutor(executorId: string): string[] {
    const lost: string[] = [];
    for (const [blockId, copies] of this.blocks) {
      if (!copies.delete(executorId)) continue;
      if (copies.size === 0) {
        this.blocks.delete(blockId);
        lost.push(blockId);
      }
    }
    return lost;
  }

  removeRdd(rddId: number): void {
    const prefix = `rdd_${rddId}_`;
    for (const blockId of [...this.blocks.keys()]) if (blockId.startsWith(prefix)) this.blocks.delete(blockId);
  }

  /** Partitions of an RDD with at least one copy. */
  cachedPartitions(rddId: number, numPartitions: number): number {
    let n = 0;
    for (let p = 0; p < numPartitions; p++) if (this.blocks.has(rddBlockId(rddId, p))) n++;
    return n;
  }

  /** Memory and disk bytes of an RDD's blocks, summed over every copy (as the Spark UI's Storage tab). */
  rddSizes(rddId: number): { memSize: number; diskSize: number } {
    const prefix = `rdd_${rddId}_`;
    let memSize = 0;
    let diskSize = 0;
    for (const [blockId, copies] of this.blocks) {
      if (!blockId.startsWith(prefix)) continue;
      for (const b of copies.values()) {
        memSize += b.memSize;
        diskSize += b.diskSize;
      }
    }
    return { memSize, diskSize };
  }
}
