// Our events must carry every key real Spark wrote for the same event type, nested keys included,
// so code written against real Spark logs reads ours.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPARKBENCH_SPARK_VERSION, SPARK_EVENT_NAMES, isSparkEventName, logStartEvent } from '../../src/events/index.js';
import { scenarioEvents } from './scenario.js';
import { HAVE_SPARK_EVENTS, SPARK_EVENTS_DIR } from './shared-logs.js';

// Values that are free-form maps or accumulator lists: their own keys vary from log to log.
const OPAQUE = new Set([
  'Properties',
  'Log Urls',
  'Driver Logs',
  'JVM Information',
  'Spark Properties',
  'Hadoop Properties',
  'System Properties',
  'Classpath Entries',
  'Accumulables',
  'Accumulator Updates',
]);

// Keys Spark itself stopped writing in 2.0; we follow the newer shape.
const RETIRED = new Set(['Host Name', 'Data Read Method', 'Tachyon Size', 'Use Tachyon']);
const RETIRED_PATHS = ['/Task End Reason/Metrics'];

/** Key paths like "/Task Info/Host" or "/Stage Infos[]/RDD Info[]/Name". */
function keyPaths(value: unknown, prefix: string, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${prefix}[]`, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = `${prefix}/${key}`;
      into.add(path);
      if (!OPAQUE.has(key)) keyPaths(child, path, into);
    }
  }
}

function keysByEvent(events: Iterable<unknown>): Map<string, Set<string>> {
  const byEvent = new Map<string, Set<string>>();
  for (const event of events) {
    if (typeof event !== 'object' || event === null || !('Event' in event)) continue;
    const name = event.Event;
    if (!isSparkEventName(name)) continue;
    const keys = byEvent.get(name) ?? new Set<string>();
    keyPaths(event, '', keys);
    byEvent.set(name, keys);
  }
  return byEvent;
}

const retired = (path: string) =>
  path.split('/').some((k) => RETIRED.has(k.replace('[]', ''))) || RETIRED_PATHS.some((p) => path.startsWith(p));

describe.skipIf(!HAVE_SPARK_EVENTS)('keys of our events versus real Spark logs', () => {
  // The writer adds the LogStart line itself.
  const written = [logStartEvent(SPARKBENCH_SPARK_VERSION), ...scenarioEvents()];
  const roundTripped: unknown = JSON.parse(JSON.stringify(written));
  const ours = keysByEvent(Array.isArray(roundTripped) ? roundTripped : []);
  // A skipped describe still runs its body to collect tests: list only when the logs are there.
  const logs = HAVE_SPARK_EVENTS ? readdirSync(SPARK_EVENTS_DIR).filter((f) => f !== 'SOURCES.md') : [];

  it('covers every event type we write', () => {
    expect(new Set(ours.keys())).toEqual(SPARK_EVENT_NAMES);
  });

  for (const file of logs) {
    it(`our keys are a superset of ${file}'s, per event type`, () => {
      const lines = readFileSync(join(SPARK_EVENTS_DIR, file), 'utf8').split('\n').filter((l) => l.trim() !== '');
      const real = keysByEvent(lines.map((l): unknown => JSON.parse(l)));
      expect(real.size).toBeGreaterThan(5);
      const missing: string[] = [];
      for (const [name, keys] of real) {
        for (const key of keys) if (!retired(key) && !ours.get(name)?.has(key)) missing.push(`${name} ${key}`);
      }
      expect(missing).toEqual([]);
    });
  }

  it('the 2.x TaskEnd "Task Info" and "Task Metrics" keys are all ours', () => {
    const text = readFileSync(join(SPARK_EVENTS_DIR, 'application_1506645932520_24630151'), 'utf8');
    const isJson = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null;
    const taskEnd = text.split('\n').map((l): unknown => JSON.parse(l)).filter(isJson).find((e) => e['Event'] === 'SparkListenerTaskEnd');
    const ourTaskEnd = scenarioEvents().find((e) => e.Event === 'SparkListenerTaskEnd');
    if (taskEnd === undefined || ourTaskEnd?.Event !== 'SparkListenerTaskEnd') throw new Error('no task end');
    const realInfo = Object.keys(isJson(taskEnd['Task Info']) ? taskEnd['Task Info'] : {});
    const realMetrics = Object.keys(isJson(taskEnd['Task Metrics']) ? taskEnd['Task Metrics'] : {});
    expect(realInfo).toContain('Killed');
    expect(realMetrics).toContain('Shuffle Read Metrics');
    expect(Object.keys(ourTaskEnd['Task Info'])).toEqual(expect.arrayContaining(realInfo));
    expect(Object.keys(ourTaskEnd['Task Metrics'] ?? {})).toEqual(expect.arrayContaining(realMetrics));
  });
});
