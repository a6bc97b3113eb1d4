import { describe, expect, it } from 'vitest';
import {
  blockIdName,
  broadcastBlockId,
  isBroadcastBlock,
  isRddBlock,
  isShuffleBlock,
  isTaskResultBlock,
  parseBlockId,
  rddBlockId,
  rddIdOf,
  shuffleBlockId,
  shuffleDataBlockId,
  shuffleIndexBlockId,
  taskResultBlockId,
  UnrecognizedBlockIdError,
} from '../../src/storage/block-id.js';

describe('block ids', () => {
  it('are named as Spark names them', () => {
    expect(rddBlockId(3, 7)).toBe('rdd_3_7');
    expect(shuffleBlockId(1, 42, 5)).toBe('shuffle_1_42_5');
    expect(shuffleDataBlockId(1, 42)).toBe('shuffle_1_42_0.data');
    expect(shuffleIndexBlockId(1, 42)).toBe('shuffle_1_42_0.index');
    expect(broadcastBlockId(0)).toBe('broadcast_0');
    expect(broadcastBlockId(0, 'piece0')).toBe('broadcast_0_piece0');
    expect(taskResultBlockId(99)).toBe('taskresult_99');
  });

  it('parse into a discriminated union and back', () => {
    const names = ['rdd_3_7', 'shuffle_1_42_5', 'shuffle_1_42_0.data', 'shuffle_1_42_0.index', 'broadcast_0', 'broadcast_2_piece11', 'taskresult_99'];
    for (const name of names) expect(blockIdName(parseBlockId(name))).toBe(name);
    expect(parseBlockId('rdd_3_7')).toEqual({ type: 'rdd', rddId: 3, splitIndex: 7 });
    expect(parseBlockId('shuffle_1_42_0.index')).toEqual({ type: 'shuffleIndex', shuffleId: 1, mapId: 42, reduceId: 0 });
    expect(parseBlockId('broadcast_2_piece11')).toEqual({ type: 'broadcast', broadcastId: 2, field: 'piece11' });
  });

  it('reject names Spark would not parse', () => {
    for (const bad of ['rdd_3', 'rdd_a_1', 'shuffle_1_2', 'taskresult_', 'input-0-1', '']) {
      expect(() => parseBlockId(bad)).toThrow(UnrecognizedBlockIdError);
    }
    expect(() => parseBlockId('rdd_x')).toThrow('Failed to parse rdd_x into a block ID');
  });

  it('classify names', () => {
    expect(isRddBlock('rdd_1_2')).toBe(true);
    expect(isRddBlock('shuffle_1_2_3')).toBe(false);
    expect(isShuffleBlock('shuffle_1_2_0.data')).toBe(true);
    expect(isBroadcastBlock('broadcast_4_piece0')).toBe(true);
    expect(isTaskResultBlock('taskresult_1')).toBe(true);
    expect(rddIdOf('rdd_12_0')).toBe(12);
    expect(rddIdOf('broadcast_12')).toBeUndefined();
  });
});
