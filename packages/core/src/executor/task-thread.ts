import { parentPort, workerData } from 'node:worker_threads';
import { readShuffleSlice } from '../shuffle/shuffle-files.js';
import type { UpdatedBlock } from '../scheduler/task.js';
import { runTask } from './run-task.js';
import { serializeRows } from '../serializer/index.js';
import { StorageLevel } from '../storage/storage-level.js';
import type { CachedBlock, TaskEnv } from './task-context.js';
import type { FromThread, ThreadInit, ToThread } from './thread-messages.js';

/**
 * A task thread of an executor: runs one task at a time. Blocks live in the executor's main thread (its
 * block manager), so cache reads and writes are requests to it; shuffle files of this executor are read
 * straight from disk, as Spark reads host-local shuffle files.
 */
const init = workerData as ThreadInit;
const port = parentPort!;
let nextId = 0;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

/** A request to the main thread, before it gets its id. */
type Request = FromThread extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

function request<T>(msg: Request, transfer: ArrayBuffer[] = []): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    port.postMessage({ ...msg, id } as FromThread, transfer);
  });
}

const env: TaskEnv = {
  executorId: init.executorId,
  host: init.host,
  shuffleDir: init.shuffleDir,
  getBlock: (blockId, locations) => request<CachedBlock | undefined>({ type: 'getBlock', blockId, locations }),
  putBlock: (blockId, rows, level) => {
    const l = StorageLevel.fromString(level);
    if (l.useMemory && l.deserialized) return request<UpdatedBlock>({ type: 'putBlock', blockId, data: rows, level });
    // Serialized and disk levels keep bytes: serialize here, in parallel with other tasks, and hand the
    // bytes over instead of cloning every row into the executor's thread. serializeRows returns an
    // allocation of its own, so its buffer is transferred as it is, without a copy.
    const bytes = serializeRows(rows);
    return request<UpdatedBlock>({ type: 'putBlock', blockId, data: bytes, level }, [bytes.buffer as ArrayBuffer]);
  },
  fetchShuffleBlock: async (status, reduceId) => {
    if (status.executorId === init.executorId) return readShuffleSlice(init.shuffleDir, status.shuffleId, status.mapId, reduceId);
    return request<Uint8Array>({ type: 'fetchShuffle', status, reduceId });
  },
};

port.on('message', (msg: ToThread) => {
  if (msg.type === 'reply') {
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error !== undefined) w?.reject(new Error(msg.error));
    else w?.resolve(msg.value);
    return;
  }
  void runTask(msg.task, env).then((outcome) => port.postMessage({ type: 'done', taskId: msg.task.taskId, outcome } satisfies FromThread));
});
