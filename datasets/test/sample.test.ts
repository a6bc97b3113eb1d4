import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateEventChunks } from '../src/generate.js';

describe('checked-in sample', () => {
  it('is exactly what the generator gives for 2000 rows, seed 7', async () => {
    const sample = await readFile(new URL('../sample/events-2000-seed7.csv', import.meta.url));
    const fresh = Buffer.concat([...generateEventChunks({ rows: 2_000, seed: 7 })]);
    expect(sample.equals(fresh)).toBe(true);
  });
});
