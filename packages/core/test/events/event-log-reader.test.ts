import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAppModel, parseEventLog, readEventLog, type LoggedEvent } from '../../src/events/index.js';

const lines = [
  '{"Event":"SparkListenerLogStart","Spark Version":"3.5.0"}',
  '{"Event":"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart","executionId":0}',
  '{"Event":"SparkListenerApplicationStart","App Name":"a","App ID":"app-9","Timestamp":10,"User":"u"}',
  '{"Event":"SparkListenerApplicationEnd","Timestamp":20}',
];

async function collect(path: string) {
  const stream = readEventLog(path);
  const events: LoggedEvent[] = [];
  for await (const e of stream) events.push(e);
  return { events, skipped: stream.skipped, truncated: stream.truncated };
}

describe('reading event logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sparkbench-reader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('skips events it does not know, and blank lines', async () => {
    const text = lines.join('\n') + '\n\n';
    const parsed = parseEventLog(text);
    expect(parsed.events.map((e) => e.Event)).toEqual([
      'SparkListenerLogStart',
      'SparkListenerApplicationStart',
      'SparkListenerApplicationEnd',
    ]);
    expect([parsed.skipped, parsed.truncated]).toEqual([1, false]);
    expect(await collect(write('ok', text))).toEqual(parsed);
  });

  it('reads CRLF line ends', async () => {
    const text = lines.join('\r\n');
    expect(parseEventLog(text).events).toHaveLength(3);
    expect((await collect(write('crlf', text))).events).toHaveLength(3);
  });

  it('drops a truncated last line, as Spark does for in-progress logs', async () => {
    const text = lines.slice(0, 3).join('\n') + '\n{"Event":"SparkListenerApplicationEnd","Times';
    const parsed = parseEventLog(text);
    expect(parsed.truncated).toBe(true);
    expect(parsed.events.map((e) => e.Event)).toEqual(['SparkListenerLogStart', 'SparkListenerApplicationStart']);
    expect(await collect(write('cut', text))).toEqual(parsed);
    const model = buildAppModel(parsed.events);
    expect([model.appId, model.startTime, model.endTime]).toEqual(['app-9', 10, undefined]);
  });

  it('fails on a bad line that is not the last', async () => {
    const text = [lines[0], '{"Event":"SparkListenerApplicationStart",', lines[2]].join('\n');
    expect(() => parseEventLog(text, 'the-log')).toThrow(/^the-log:2: .*not the last line/);
    await expect(collect(write('bad', text))).rejects.toThrow(/bad:2: .*not the last line/);
    expect(() => parseEventLog(['[1,2]', lines[0]].join('\n'))).toThrow(/:1: not a JSON object with an "Event"/);
  });

  it('builds a model from anything, ignoring what is not an event', () => {
    const model = buildAppModel([null, 3, 'x', [], { Event: 'Nope' }, JSON.parse(lines[2])]);
    expect(model.appName).toBe('a');
    expect(model.jobs).toEqual([]);
  });
});
