import { RpcError } from './rpc-error.js';

/*
 * A frame is a 4-byte big-endian payload length followed by the payload. TCP delivers a byte
 * stream, not messages: one 'data' chunk may hold half a frame, or the tail of one frame and the
 * head of three more, so the reader reassembles frames from whatever chunks arrive.
 */

/** Bytes of the length prefix in front of every payload. */
export const FRAME_HEADER_BYTES = 4;

/**
 * Largest payload accepted by default (256 MiB). The length prefix could announce up to 4 GiB; a
 * cap turns a corrupt or hostile prefix into a clear error instead of an attempt to buffer gigabytes,
 * while leaving room for the largest task results and shuffle blocks the engine moves in one piece.
 */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

/** The length prefix for a payload of `payloadLength` bytes. */
export function frameHeader(payloadLength: number): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header.writeUInt32BE(payloadLength, 0);
  return header;
}

/** `where` reads like "from worker-1 at 127.0.0.1:5000" or "to master at 127.0.0.1:7077". */
export function frameTooLarge(length: number, maxFrameBytes: number, where: string): RpcError {
  return new RpcError(
    'FRAME_TOO_LARGE',
    `Frame of ${length} bytes ${where} exceeds the maximum of ${maxFrameBytes} bytes (${formatSize(maxFrameBytes)})`,
  );
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(2)} KiB`;
  return `${bytes} B`;
}

/**
 * Reassembles frames from stream chunks: {@link push} the chunks as they come, then call
 * {@link next} until it returns undefined.
 *
 * Pulling one frame at a time (rather than returning every frame in a chunk) lets the reader change
 * {@link maxFrameBytes} between frames, which the handshake needs: the same chunk may carry the last
 * authentication frame and the first large message, and only the former must obey the small
 * pre-authentication limit.
 */
export class FrameDecoder {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  /** Payload length of the frame being read; -1 while its header is still incomplete. */
  private expected = -1;

  constructor(
    public maxFrameBytes: number = MAX_FRAME_BYTES,
    /** Who sends the bytes, for error messages: `from worker-1 at 127.0.0.1:5000`. */
    public source = '',
  ) {}

  /** Bytes received but not yet returned as frames. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /**
   * The next complete payload, or undefined until more bytes arrive. Throws an RpcError
   * (FRAME_TOO_LARGE) when a header announces more than {@link maxFrameBytes}; the stream cannot be
   * resynchronised after that, so the caller should drop the connection.
   */
  next(): Buffer | undefined {
    if (this.expected < 0) {
      if (this.buffered < FRAME_HEADER_BYTES) return undefined;
      const length = this.take(FRAME_HEADER_BYTES).readUInt32BE(0);
      if (length > this.maxFrameBytes) {
        throw frameTooLarge(length, this.maxFrameBytes, this.source ? `from ${this.source}` : 'received');
      }
      this.expected = length;
    }
    if (this.buffered < this.expected) return undefined;
    const payload = this.take(this.expected);
    this.expected = -1;
    return payload;
  }

  /** Removes and returns the first `n` buffered bytes (the caller checked they are there). */
  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    // Most frames lie inside one chunk: hand out a view, no copy.
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    // A frame spanning chunks is copied once, when complete. Concatenating on every push instead
    // would copy a 20 MB frame arriving in 64 KiB chunks some 300 times.
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0];
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    return out;
  }
}
