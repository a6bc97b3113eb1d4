export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

const RANK: Record<LogLevel, number> = { INFO: 0, WARN: 1, ERROR: 2 };

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** log4j's default Spark pattern: `25/11/25 08:44:46 WARN MemoryStore: ...` (local time). */
export function formatLogLine(level: LogLevel, source: string, message: string, time = new Date()): string {
  const date = `${two(time.getFullYear() % 100)}/${two(time.getMonth() + 1)}/${two(time.getDate())}`;
  const clock = `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
  return `${date} ${clock} ${level} ${source}: ${message}`;
}

/** Where log lines go; Spark's shells show WARN and above by default. */
export class Logger {
  constructor(
    private threshold: LogLevel = 'WARN',
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  setLevel(level: LogLevel): void {
    this.threshold = level;
  }

  log(level: LogLevel, source: string, message: string): void {
    if (RANK[level] >= RANK[this.threshold]) this.write(formatLogLine(level, source, message));
  }
}
