/** FAILFAST's error, naming the file and the record's 1-based line within the file. */
import { closeSync, openSync, readSync } from 'node:fs';

export class MalformedCsvError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`Malformed CSV record in ${path} at line ${line}: ${reason} (mode FAILFAST)`);
    this.name = 'MalformedCsvError';
  }
}

/** Counts newlines before `offset`: only on this error path, never while scanning. */
export function lineNumberAt(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let line = 1;
    for (let at = 0; at < offset; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, offset - at), at);
      if (n === 0) break;
      for (let i = 0; i < n; i++) if (buf[i] === 10) line++;
      at += n;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}
