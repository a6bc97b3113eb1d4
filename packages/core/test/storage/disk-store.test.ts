import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskStore } from '../../src/storage/disk-store.js';

const root = mkdtempSync(join(tmpdir(), 'diskstore-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('DiskStore', () => {
  it('writes one file per block under a hashed sub-directory, made on demand', () => {
    const dir = join(root, 'a');
    const store = new DiskStore(dir);
    expect(existsSync(dir)).toBe(false);
    store.putBytes('rdd_1_0', Buffer.from('hello'));
    const file = store.fileFor('rdd_1_0');
    expect(dirname(dirname(file))).toBe(dir);
    expect(dirname(file)).toMatch(/[0-9a-f]{2}$/);
    expect(readFileSync(file).toString()).toBe('hello');
    expect(store.getBytes('rdd_1_0')?.toString()).toBe('hello');
    expect(store.contains('rdd_1_0')).toBe(true);
    expect(store.size('rdd_1_0')).toBe(5);
    expect(store.size('rdd_1_1')).toBeUndefined();
  });

  it('replaces, removes and totals blocks', () => {
    const store = new DiskStore(join(root, 'b'));
    store.putBytes('rdd_1_0', Buffer.alloc(10));
    store.putBytes('rdd_1_1', Buffer.alloc(20));
    store.putBytes('rdd_1_0', Buffer.alloc(5));
    expect(store.usedBytes()).toBe(25);
    const file = store.fileFor('rdd_1_1');
    expect(store.remove('rdd_1_1')).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(store.remove('rdd_1_1')).toBe(false);
    expect(store.blockIds()).toEqual(['rdd_1_0']);
  });

  it('clear removes the whole directory', () => {
    const dir = join(root, 'c');
    const store = new DiskStore(dir);
    store.putBytes('rdd_1_0', Buffer.alloc(10));
    store.clear();
    expect(existsSync(dir)).toBe(false);
    expect(store.usedBytes()).toBe(0);
    store.putBytes('rdd_1_0', Buffer.alloc(3)); // usable again
    expect(store.getBytes('rdd_1_0')?.length).toBe(3);
  });

  it('forgets a block whose file vanished', () => {
    const store = new DiskStore(join(root, 'd'));
    store.putBytes('rdd_1_0', Buffer.alloc(10));
    unlinkSync(store.fileFor('rdd_1_0'));
    expect(store.getBytes('rdd_1_0')).toBeUndefined();
    expect(store.contains('rdd_1_0')).toBe(false);
  });
});
