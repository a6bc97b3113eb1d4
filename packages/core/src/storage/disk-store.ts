import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Spark's DiskStore + DiskBlockManager for one executor: one file per block, named by the block id,
 * under `dir/<xx>/` where `xx` is the block name's hash modulo the number of sub-directories (Spark's
 * spark.diskStore.subDirectories, 64), which keeps any one directory small. Directories are created on
 * first write.
 *
 * All file access is synchronous. The store runs inside an executor (a worker thread or process) whose
 * task is already blocked on the block; sync calls keep the store's state and the files in step with no
 * interleaving to reason about, and `clear()` can run from an exit handler, where async work never ends.
 *
 * Sizes are tracked in memory: the store only knows blocks it wrote. A file that disappears behind its
 * back (a simulated disk failure) reads as a missing block and is forgotten.
 */
export class DiskStore {
  private readonly sizes = new Map<string, number>();
  private readonly madeDirs = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly subDirectories = 64,
  ) {}

  /** Writes the block's file, replacing any earlier copy. */
  putBytes(blockId: string, bytes: Uint8Array): void {
    const subDir = this.subDirOf(blockId);
    if (!this.madeDirs.has(subDir)) {
      mkdirSync(subDir, { recursive: true });
      this.madeDirs.add(subDir);
    }
    writeFileSync(join(subDir, blockId), bytes);
    this.sizes.set(blockId, bytes.length);
  }

  getBytes(blockId: string): Buffer | undefined {
    if (!this.sizes.has(blockId)) return undefined;
    try {
      return readFileSync(this.fileFor(blockId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.sizes.delete(blockId);
      return undefined;
    }
  }

  contains(blockId: string): boolean {
    return this.sizes.has(blockId);
  }

  /** Bytes of the block's file, or undefined when the store holds no such block. */
  size(blockId: string): number | undefined {
    return this.sizes.get(blockId);
  }

  remove(blockId: string): boolean {
    if (!this.sizes.delete(blockId)) return false;
    rmSync(this.fileFor(blockId), { force: true });
    return true;
  }

  usedBytes(): number {
    let total = 0;
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  blockIds(): string[] {
    return [...this.sizes.keys()];
  }

  /** Where the block's file lives (whether or not it exists). */
  fileFor(blockId: string): string {
    return join(this.subDirOf(blockId), blockId);
  }

  /** Deletes every block and the directory itself. */
  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.sizes.clear();
    this.madeDirs.clear();
  }

  private subDirOf(blockId: string): string {
    const index = nonNegativeHash(blockId) % this.subDirectories;
    return join(this.dir, index.toString(16).padStart(2, '0'));
  }
}

/** Spark's Utils.nonNegativeHash of a string: the absolute value of Java's String.hashCode. */
function nonNegativeHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash === -(2 ** 31) ? 0 : Math.abs(hash);
}
