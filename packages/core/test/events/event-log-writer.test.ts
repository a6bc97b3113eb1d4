import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EventLogWriter,
  buildAppModel,
  jobStartEvent,
  parseEventLog,
  taskStartEvent,
  type SparkEvent,
} from '../../src/events/index.js';

const taskStart = (taskId: number): SparkEvent =>
  taskStartEvent({
    stageId: 0,
    stageAttemptId: 0,
    taskInfo: { taskId, index: taskId, attempt: 0, launchTime: 1000 + taskId, executorId: '1', host: 'h', locality: 'ANY' },
  });

const eventsIn = (path: string) => parseEventLog(readFileSync(path, 'utf8')).events.map((e) => e.Event);

describe('EventLogWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkbench-writer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <appId>.inprogress, then renames it to <appId> on close', async () => {
    const logs = join(dir, 'nested', 'logs');
    const writer = new EventLogWriter(logs, 'app-1');
    expect(writer.path).toBe(join(logs, 'app-1.inprogress'));
    expect(eventsIn(writer.path)).toEqual(['SparkListenerLogStart']);
    expect(existsSync(join(logs, 'app-1'))).toBe(false);
    writer.post(taskStart(0));
    await writer.close();
    expect(writer.closed).toBe(true);
    expect(writer.path).toBe(join(logs, 'app-1'));
    expect(existsSync(join(logs, 'app-1.inprogress'))).toBe(false);
    expect(eventsIn(join(logs, 'app-1'))).toEqual(['SparkListenerLogStart', 'SparkListenerTaskStart']);
    writer.closeSync();
    expect(() => writer.post(taskStart(1))).toThrow(/closed/);
  });

  it('buffers task events until flush() or an event Spark flushes on', () => {
    const writer = new EventLogWriter(dir, 'app-2');
    writer.post(taskStart(0));
    writer.post(taskStart(1));
    expect(eventsIn(writer.inProgressPath)).toEqual(['SparkListenerLogStart']);
    writer.flush();
    expect(eventsIn(writer.inProgressPath)).toHaveLength(3);
    writer.post(taskStart(2));
    writer.post(jobStartEvent({ jobId: 0, time: 5, stageInfos: [] }));
    expect(eventsIn(writer.inProgressPath)).toEqual([
      'SparkListenerLogStart',
      'SparkListenerTaskStart',
      'SparkListenerTaskStart',
      'SparkListenerTaskStart',
      'SparkListenerJobStart',
    ]);
    writer.closeSync();
  });

  it('writes once the buffer passes bufferBytes', () => {
    const writer = new EventLogWriter(dir, 'app-3', { bufferBytes: 1 });
    writer.post(taskStart(0));
    expect(eventsIn(writer.inProgressPath)).toEqual(['SparkListenerLogStart', 'SparkListenerTaskStart']);
    writer.closeSync();
  });

  it('a writer that dies leaves a readable .inprogress log, even cut mid-line', () => {
    const writer = new EventLogWriter(dir, 'app-4', { sparkVersion: '3.5.0-test' });
    writer.post(taskStart(0));
    writer.flush();
    writer.post(taskStart(1)); // buffered: lost with the process
    // What the process leaves if it dies mid-write: a partial last line.
    appendFileSync(writer.inProgressPath, '{"Event":"SparkListenerTaskStart","Stage ID":0,"Stage Att');
    const parsed = parseEventLog(readFileSync(writer.inProgressPath, 'utf8'));
    expect(parsed.truncated).toBe(true);
    const model = buildAppModel(parsed.events);
    expect(model.sparkVersion).toBe('3.5.0-test');
    expect(model.tasks.map((t) => [t.taskId, t.reason, t.finishTime])).toEqual([[0, undefined, undefined]]);
    writer.closeSync();
  });

  it('keeps flushed events when the process is SIGKILLed', () => {
    // The child runs the real writer: src/events transpiled to plain JS.
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/events');
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    for (const file of readdirSync(src).filter((f) => f.endsWith('.ts'))) {
      const js = ts.transpileModule(readFileSync(join(src, file), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      writeFileSync(join(lib, file.replace(/\.ts$/, '.js')), js.outputText);
    }
    writeFileSync(join(lib, 'package.json'), '{"type":"module"}');
    const child = [
      `import { EventLogWriter } from './event-log-writer.js';`,
      `import { taskStartEvent } from './task-events.js';`,
      `const task = (taskId) => taskStartEvent({ stageId: 0, stageAttemptId: 0, taskInfo: { taskId, index: taskId, attempt: 0, launchTime: 1, executorId: '1', host: 'h', locality: 'ANY' } });`,
      `const writer = new EventLogWriter(${JSON.stringify(dir)}, 'app-killed');`,
      `writer.post(task(0)); writer.post(task(1)); writer.flush();`,
      `writer.post(task(2));`,
      `process.kill(process.pid, 'SIGKILL');`,
    ].join('\n');
    writeFileSync(join(lib, 'child.js'), child);
    const run = spawnSync(process.execPath, [join(lib, 'child.js')], { encoding: 'utf8' });
    expect([run.signal, run.stderr]).toEqual(['SIGKILL', '']);
    expect(existsSync(join(dir, 'app-killed'))).toBe(false);
    const parsed = parseEventLog(readFileSync(join(dir, 'app-killed.inprogress'), 'utf8'));
    expect(buildAppModel(parsed.events).tasks.map((t) => t.taskId)).toEqual([0, 1]);
  });

  it('refuses to overwrite an existing log unless asked', () => {
    writeFileSync(join(dir, 'app-5.inprogress'), 'old\n');
    expect(() => new EventLogWriter(dir, 'app-5')).toThrow(/EEXIST/);
    const writer = new EventLogWriter(dir, 'app-5', { overwrite: true });
    writer.closeSync();
    expect(eventsIn(join(dir, 'app-5'))).toEqual(['SparkListenerLogStart']);
  });
});
