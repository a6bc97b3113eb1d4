/**
 * The file's first record line: the first line that is neither blank nor a comment. With
 * header=true it is the header and the split owning it skips it. (Spark looks for it only in
 * the split starting at byte 0; the two differ only when blank lines fill that whole split.)
 */
import { LineReader, contentStart, isIgnoredLine } from './line-reader.js';

const PROBE_CHUNK_BYTES = 64 * 1024;

export interface RecordLine {
  /** File offset of the line's first byte. */
  readonly offset: number;
  /** The line without its terminator (or a byte order mark). */
  readonly bytes: Buffer;
}

/** `comment` is the comment byte or -1. */
export function firstRecordLine(path: string, comment: number): RecordLine | null {
  const reader = new LineReader({ path, start: 0, length: Number.MAX_SAFE_INTEGER, fileLength: Number.MAX_SAFE_INTEGER }, PROBE_CHUNK_BYTES);
  try {
    while (reader.nextLine()) {
      const start = contentStart(reader.buf, reader.lineStart, reader.lineEnd, reader.lineOffset);
      if (isIgnoredLine(reader.buf, start, reader.lineEnd, comment)) continue;
      return { offset: reader.lineOffset, bytes: Buffer.from(reader.buf.subarray(start, reader.lineEnd)) };
    }
    return null;
  } finally {
    reader.close();
  }
}
