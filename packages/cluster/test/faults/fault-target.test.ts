import { describe, expect, it } from 'vitest';
import { busiestExecutor, compareExecutorIds } from '../../src/faults/fault-target.js';

const at = (...ids: string[]) => ids.map((executorId, i) => ({ executorId, host: 'h', pid: 100 + i }));

describe('busiestExecutor', () => {
  it('picks the most running tasks', () => {
    expect(busiestExecutor(at('0', '1', '2'), new Map([['2', 5], ['0', 1]]))?.executorId).toBe('2');
  });

  it('breaks ties by the lowest id, numerically', () => {
    expect(busiestExecutor(at('10', '9', '11'), new Map([['10', 2], ['9', 2], ['11', 2]]))?.executorId).toBe('9');
    expect(busiestExecutor(at('3', '1', '2'), new Map())?.executorId).toBe('1');
  });

  it('finds nothing among no executors', () => {
    expect(busiestExecutor([], new Map())).toBeUndefined();
  });
});

describe('compareExecutorIds', () => {
  it('orders numbers as numbers and other ids as text', () => {
    expect(['10', '2', '1'].sort(compareExecutorIds)).toEqual(['1', '2', '10']);
    expect(['driver', '1', 'b'].sort(compareExecutorIds)).toEqual(['1', 'b', 'driver']);
  });
});
