/**
 * The file's first record line: the first line that is neither blank nor a comment. With
 * header=true it is the header and the split owning it skips it. (Spark looks for it only in
 * the split starting at byte 0; the two differ only when blank lines fill that whole split.)
 */
import { LineReader, isIgnoredLine } from './line-reader.js';

const PROBE_CHUNK_BYTES = 64 * 1024;

export interface RecordLine {
  /** File offset of the line's first byte (after a byte order mark). */
  readonly offset: number;
  /** The line without its terminator. */
  readonly bytes: Buffer;
}

/** `comment` is the comment byte or -1. */
export function firstRecordLine(path: string, comment: number): RecordLine | null {
  const reader = new LineReader({ path, start: 0, length: Number.MAX_SAFE_INTEGER, fileLength: Number.MAX_SAFE_INTEGER }, PROBE_CHUNK_BYTES);
  try {
    while (reader.nextLine()) {
      if (isIgnoredLine(reader.buf, reader.lineStart, reader.lineEnd, comment)) continue;
      return { offset: reader.lineOffset, bytes: Buffer.from(reader.buf.subarray(reader.lineStart, reader.lineEnd)) };
    }
    return null;
  } finally {
    reader.close();
  }
}
