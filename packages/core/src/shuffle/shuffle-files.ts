import { closeSync, openSync, readSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shuffleDataBlockId, shuffleIndexBlockId } from '../storage/block-id.js';

/**
 * Spark's sort-shuffle layout: each map task writes one data file holding every reduce partition's slice
 * back to back, and an index file of the slice offsets, so a reducer reads one contiguous range.
 */
export function shuffleDataFile(dir: string, shuffleId: number, mapId: number): string {
  return join(dir, shuffleDataBlockId(shuffleId, mapId));
}

export function shuffleIndexFile(dir: string, shuffleId: number, mapId: number): string {
  return join(dir, shuffleIndexBlockId(shuffleId, mapId));
}

export function writeShuffleFiles(dir: string, shuffleId: number, mapId: number, slices: readonly Uint8Array[]): number[] {
  mkdirSync(dir, { recursive: true });
  const offsets = new BigInt64Array(slices.length + 1);
  let total = 0;
  for (let i = 0; i < slices.length; i++) {
    total += slices[i].length;
    offsets[i + 1] = BigInt(total);
  }
  const data = Buffer.concat(slices as Uint8Array[], total);
  // Data first, index last: a reader that finds the index finds complete data.
  writeFileSync(shuffleDataFile(dir, shuffleId, mapId), data);
  writeFileSync(shuffleIndexFile(dir, shuffleId, mapId), Buffer.from(offsets.buffer));
  return slices.map((s) => s.length);
}

/** Reads one reduce slice from this executor's shuffle files. */
export function readShuffleSlice(dir: string, shuffleId: number, mapId: number, reduceId: number): Buffer {
  const index = readFileSync(shuffleIndexFile(dir, shuffleId, mapId));
  if ((reduceId + 2) * 8 > index.length) throw new Error(`reduce partition ${reduceId} out of range for shuffle_${shuffleId}_${mapId}`);
  const start = Number(index.readBigInt64LE(reduceId * 8));
  const end = Number(index.readBigInt64LE((reduceId + 1) * 8));
  const out = Buffer.allocUnsafe(end - start);
  if (end > start) {
    const fd = openSync(shuffleDataFile(dir, shuffleId, mapId), 'r');
    try {
      let got = 0;
      while (got < out.length) {
        const n = readSync(fd, out, got, out.length - got, start + got);
        if (n === 0) throw new Error(`${shuffleDataBlockId(shuffleId, mapId)} is truncated`);
        got += n;
      }
    } finally {
      closeSync(fd);
    }
  }
  return out;
}
