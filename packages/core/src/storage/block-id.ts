/**
 * Block ids as Spark names them. A block id travels as its name (a string) everywhere: in maps, file
 * names, messages and the event log; {@link parseBlockId} recovers the parts when they are needed.
 */
export type BlockId =
  | { readonly type: 'rdd'; readonly rddId: number; readonly splitIndex: number }
  | { readonly type: 'shuffle'; readonly shuffleId: number; readonly mapId: number; readonly reduceId: number }
  | { readonly type: 'shuffleData'; readonly shuffleId: number; readonly mapId: number; readonly reduceId: number }
  | { readonly type: 'shuffleIndex'; readonly shuffleId: number; readonly mapId: number; readonly reduceId: number }
  /** `field` names a piece of a torrent broadcast (`piece0`); empty for the whole value. */
  | { readonly type: 'broadcast'; readonly broadcastId: number; readonly field: string }
  | { readonly type: 'taskresult'; readonly taskId: number };

/** Spark's `UnrecognizedBlockId`. */
export class UnrecognizedBlockIdError extends Error {
  override readonly name = 'UnrecognizedBlockId';
  constructor(readonly blockName: string) {
    super(`Failed to parse ${blockName} into a block ID`);
  }
}

export function rddBlockId(rddId: number, splitIndex: number): string {
  return `rdd_${rddId}_${splitIndex}`;
}

export function shuffleBlockId(shuffleId: number, mapId: number, reduceId: number): string {
  return `shuffle_${shuffleId}_${mapId}_${reduceId}`;
}

/** The data file of a sort-based map output; Spark always uses reduceId 0 (NOOP_REDUCE_ID) here. */
export function shuffleDataBlockId(shuffleId: number, mapId: number, reduceId = 0): string {
  return `shuffle_${shuffleId}_${mapId}_${reduceId}.data`;
}

export function shuffleIndexBlockId(shuffleId: number, mapId: number, reduceId = 0): string {
  return `shuffle_${shuffleId}_${mapId}_${reduceId}.index`;
}

export function broadcastBlockId(broadcastId: number, field = ''): string {
  return field === '' ? `broadcast_${broadcastId}` : `broadcast_${broadcastId}_${field}`;
}

export function taskResultBlockId(taskId: number): string {
  return `taskresult_${taskId}`;
}

/** The name of a parsed block id; `blockIdName(parseBlockId(name)) === name`. */
export function blockIdName(id: BlockId): string {
  switch (id.type) {
    case 'rdd':
      return rddBlockId(id.rddId, id.splitIndex);
    case 'shuffle':
      return shuffleBlockId(id.shuffleId, id.mapId, id.reduceId);
    case 'shuffleData':
      return shuffleDataBlockId(id.shuffleId, id.mapId, id.reduceId);
    case 'shuffleIndex':
      return shuffleIndexBlockId(id.shuffleId, id.mapId, id.reduceId);
    case 'broadcast':
      return broadcastBlockId(id.broadcastId, id.field);
    case 'taskresult':
      return taskResultBlockId(id.taskId);
  }
}

// The same patterns as Spark's BlockId.apply.
const RDD = /^rdd_(\d+)_(\d+)$/;
const SHUFFLE = /^shuffle_(\d+)_(\d+)_(\d+)(\.data|\.index)?$/;
const BROADCAST = /^broadcast_(\d+)(?:_([A-Za-z0-9_]+))?$/;
const TASKRESULT = /^taskresult_(\d+)$/;

export function parseBlockId(name: string): BlockId {
  let m = RDD.exec(name);
  if (m) return { type: 'rdd', rddId: Number(m[1]), splitIndex: Number(m[2]) };
  m = SHUFFLE.exec(name);
  if (m) {
    const type = m[4] === '.data' ? 'shuffleData' : m[4] === '.index' ? 'shuffleIndex' : 'shuffle';
    return { type, shuffleId: Number(m[1]), mapId: Number(m[2]), reduceId: Number(m[3]) };
  }
  m = BROADCAST.exec(name);
  if (m) return { type: 'broadcast', broadcastId: Number(m[1]), field: m[2] ?? '' };
  m = TASKRESULT.exec(name);
  if (m) return { type: 'taskresult', taskId: Number(m[1]) };
  throw new UnrecognizedBlockIdError(name);
}

export function isRddBlock(name: string): boolean {
  return RDD.test(name);
}

/** Any block of a shuffle's map output (Spark's `isShuffle`). */
export function isShuffleBlock(name: string): boolean {
  return SHUFFLE.test(name);
}

export function isBroadcastBlock(name: string): boolean {
  return BROADCAST.test(name);
}

export function isTaskResultBlock(name: string): boolean {
  return TASKRESULT.test(name);
}

/** The RDD an `rdd_*` block belongs to; undefined for other blocks. */
export function rddIdOf(name: string): number | undefined {
  const m = RDD.exec(name);
  return m ? Number(m[1]) : undefined;
}
