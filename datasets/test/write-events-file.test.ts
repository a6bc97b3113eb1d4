import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDatasetPath } from '../src/dataset-path.js';
import { generateEventChunks } from '../src/generate.js';
import { ensureEventsFile, generateEventsFile } from '../src/write-events-file.js';

const dir = await mkdtemp(join(tmpdir(), 'sparkbench-datasets-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('generateEventsFile', () => {
  it('writes the same bytes as the chunks, creating directories and leaving no temp file', async () => {
    const path = join(dir, 'nested', 'events.csv');
    const result = await generateEventsFile(path, { rows: 30_000, seed: 9 });
    const written = await readFile(path);
    const expected = Buffer.concat([...generateEventChunks({ rows: 30_000, seed: 9 })]);
    expect(written.equals(expected)).toBe(true);
    expect(result).toEqual({ rows: 30_000, bytes: expected.length });
    expect(await readdir(join(dir, 'nested'))).toEqual(['events.csv']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'replace.csv');
    await writeFile(path, 'stale');
    await generateEventsFile(path, { rows: 10, seed: 1 });
    expect((await readFile(path)).equals(Buffer.concat([...generateEventChunks({ rows: 10, seed: 1 })]))).toBe(true);
  });

  it('rejects bad options without leaving anything behind', async () => {
    const path = join(dir, 'bad', 'events.csv');
    await expect(generateEventsFile(path, { rows: -5, seed: 1 })).rejects.toThrow(RangeError);
    expect(await readdir(join(dir, 'bad'))).toEqual([]);
  });
});

describe('ensureEventsFile', () => {
  it('generates once, then reuses the complete file', async () => {
    const path = defaultDatasetPath(dir, 500, 3);
    const first = await ensureEventsFile(path, { rows: 500, seed: 3 });
    expect(first.generated).toBe(true);
    const second = await ensureEventsFile(path, { rows: 500, seed: 3 });
    expect(second).toEqual({ ...first, generated: false });
  });
});

describe('defaultDatasetPath', () => {
  it('names the file after rows and seed under datasets/generated', () => {
    expect(defaultDatasetPath('/repo', 1_000_000, 42)).toBe(join('/repo', 'datasets', 'generated', 'events-1000000-seed42.csv'));
  });
});
