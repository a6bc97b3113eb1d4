import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateEventChunks, type GenerateOptions } from './generate.js';

export interface GenerateResult {
  rows: number;
  bytes: number;
}

let tempCounter = 0;

/**
 * Writes the CSV to `path` through a temp file in the same directory and
 * renames it at the end, so a crashed or concurrent run never leaves a
 * half-written file under the final name.
 */
export async function generateEventsFile(path: string, opts: GenerateOptions): Promise<GenerateResult> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${tempCounter++}.tmp`;
  let bytes = 0;
  function* counted(): Generator<Buffer> {
    for (const chunk of generateEventChunks(opts)) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  try {
    // No fsync: the rename already guards against a crashed run, and fsync
    // would cost ~40% of throughput to also guard against a crashed machine.
    await pipeline(Readable.from(counted(), { highWaterMark: 4 }), createWriteStream(temp));
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return { rows: opts.rows, bytes };
}

/** Reuses `path` if it exists (only complete files ever get that name), otherwise generates it. */
export async function ensureEventsFile(
  path: string,
  opts: GenerateOptions,
): Promise<GenerateResult & { generated: boolean }> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isFile()) return { rows: opts.rows, bytes: existing.size, generated: false };
  return { ...(await generateEventsFile(path, opts)), generated: true };
}
