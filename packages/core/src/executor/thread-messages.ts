import type { Row } from '../sql/types.js';
import type { MapStatus } from '../shuffle/map-status.js';
import type { TaskDescription, TaskOutcome } from '../scheduler/task.js';

/** Messages between an executor's main thread and its task threads. */
export type ToThread =
  | { readonly type: 'run'; readonly task: TaskDescription }
  | { readonly type: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: string };

export type FromThread =
  | { readonly type: 'done'; readonly taskId: number; readonly outcome: TaskOutcome }
  | { readonly type: 'getBlock'; readonly id: number; readonly blockId: string; readonly locations: readonly string[] }
  /** A block to store: rows for deserialized memory levels, else already serialized bytes. */
  | { readonly type: 'putBlock'; readonly id: number; readonly blockId: string; readonly data: Row[] | Uint8Array; readonly level: string }
  | { readonly type: 'fetchShuffle'; readonly id: number; readonly status: MapStatus; readonly reduceId: number };

export interface ThreadInit {
  readonly executorId: string;
  readonly host: string;
  readonly shuffleDir: string;
}
