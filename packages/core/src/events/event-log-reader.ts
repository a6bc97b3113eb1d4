/**
 * Reads event logs written by any Spark version (or by us). Like Spark's ReplayListenerBus it
 * tolerates a last line cut short (the writer died mid-line, or is still writing) but fails on
 * a bad line anywhere else, and skips events it does not know.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { isJsonObject } from './json-fields.js';
import { isSparkEventName, type LoggedEvent } from './spark-event.js';

export interface ParsedEventLog {
  events: LoggedEvent[];
  /** Well-formed lines naming events we do not model (SQL, blacklisting, executor metrics...). */
  skipped: number;
  /** The last line was not complete JSON, and was dropped. */
  truncated: boolean;
}

function isLoggedEvent(json: unknown): json is LoggedEvent {
  return isJsonObject(json) && isSparkEventName(json['Event']);
}

/** Decodes lines one at a time; a bad line is only an error once another line follows it. */
class LineDecoder {
  skipped = 0;
  private lineNumber = 0;
  private bad: { lineNumber: number; reason: string } | undefined;

  constructor(private readonly source: string) {}

  get truncated(): boolean {
    return this.bad !== undefined;
  }

  decode(line: string): LoggedEvent | undefined {
    this.lineNumber++;
    if (line.trim() === '') return undefined;
    if (this.bad !== undefined) {
      throw new Error(`${this.source}:${this.bad.lineNumber}: ${this.bad.reason}, and it is not the last line`);
    }
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      this.bad = { lineNumber: this.lineNumber, reason: error instanceof Error ? error.message : String(error) };
      return undefined;
    }
    if (!isJsonObject(json) || typeof json['Event'] !== 'string') {
      this.bad = { lineNumber: this.lineNumber, reason: 'not a JSON object with an "Event"' };
      return undefined;
    }
    if (isLoggedEvent(json)) return json;
    this.skipped++;
    return undefined;
  }
}

export function parseEventLog(text: string, source = 'event log'): ParsedEventLog {
  const decoder = new LineDecoder(source);
  const events: LoggedEvent[] = [];
  for (const line of text.split('\n')) {
    const event = decoder.decode(line);
    if (event !== undefined) events.push(event);
  }
  return { events, skipped: decoder.skipped, truncated: decoder.truncated };
}

/** Streams a log's events; `skipped` and `truncated` are final once iteration ends. */
export interface EventLogStream extends AsyncIterable<LoggedEvent> {
  readonly skipped: number;
  readonly truncated: boolean;
}

export function readEventLog(path: string): EventLogStream {
  const decoder = new LineDecoder(path);
  return {
    get skipped() {
      return decoder.skipped;
    },
    get truncated() {
      return decoder.truncated;
    },
    async *[Symbol.asyncIterator]() {
      const input = createReadStream(path);
      const lines = createInterface({ input, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          const event = decoder.decode(line);
          if (event !== undefined) yield event;
        }
      } finally {
        lines.close();
        input.destroy();
      }
    },
  };
}
