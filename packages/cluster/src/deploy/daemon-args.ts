import { appendFileSync } from 'node:fs';

/** The JSON argument of a master, worker or executor process, plus the secret from its environment (removed from it). */
export function daemonArgs<T>(): T & { secret: string } {
  const parsed = JSON.parse(process.argv[2] ?? '{}') as T;
  const secret = process.env.SPARKBENCH_SECRET ?? '';
  delete process.env.SPARKBENCH_SECRET;
  return { ...parsed, secret };
}

/** Tells the starting process how it went: over IPC when there is a channel, else one JSON line on stdout. */
export function announce(event: Record<string, unknown>): void {
  if (process.send !== undefined) process.send(event);
  else process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** Log lines go to a file (a daemon's log) or to stderr. */
export function logTo(file: string | undefined): (line: string) => void {
  if (file === undefined) return (line) => process.stderr.write(`${line}\n`);
  return (line) => appendFileSync(file, `${line}\n`);
}
