import type { Socket } from 'node:net';
import { FrameDecoder, frameHeader, frameTooLarge } from './frame-decoder.js';
import { RpcError } from './rpc-error.js';

/** Receives what a {@link FramedSocket} reads; the handshake owns it first, then the connection. */
export interface FrameHandler {
  frame(payload: Buffer): void;
  /** The socket has closed; `error` is set when a socket error or a bad byte stream ended it. */
  closed(error: Error | undefined): void;
  /** The socket has seen no traffic for its idle timeout (see Socket.setTimeout). */
  idle?(): void;
}

/**
 * A socket that carries frames: writes payloads with their length prefix, honouring backpressure,
 * and hands complete incoming payloads, one at a time and in order, to the current {@link FrameHandler}.
 */
export class FramedSocket {
  readonly decoder: FrameDecoder;
  /** The peer for error messages: "127.0.0.1:5000" until its name is known, then "worker-1 at 127.0.0.1:5000". */
  peer: string;
  private handler: FrameHandler | undefined;
  private paused = false;
  private pumping = false;
  private error: Error | undefined;
  private drain: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(
    readonly socket: Socket,
    peer: string,
    maxFrameBytes: number,
  ) {
    this.peer = peer;
    this.decoder = new FrameDecoder(maxFrameBytes, peer);
    socket.on('data', (chunk: Buffer) => {
      this.decoder.push(chunk);
      this.pump();
    });
    socket.on('drain', () => this.settleDrain());
    socket.on('timeout', () => this.handler?.idle?.());
    socket.on('error', (error) => {
      this.error ??= error;
    });
    socket.on('close', () => {
      this.settleDrain(new RpcError('CLOSED', `Connection to ${this.peer} closed before a queued message was sent`));
      this.handler?.closed(this.error);
    });
  }

  setHandler(handler: FrameHandler): void {
    this.handler = handler;
    this.decoder.source = this.peer;
  }

  get isOpen(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  /**
   * Writes one frame. Resolves at once while the socket's buffer is below its high-water mark, and
   * otherwise only once the socket has drained: a producer that awaits each send never queues more
   * than about one high-water mark plus one frame in memory, however slow the reader.
   * Rejects (RpcError) if the frame is too large or the connection is closed, or closes first.
   */
  write(payload: Buffer): Promise<void> {
    if (payload.length > this.decoder.maxFrameBytes) {
      return Promise.reject(frameTooLarge(payload.length, this.decoder.maxFrameBytes, `to ${this.peer}`));
    }
    if (!this.isOpen) return Promise.reject(new RpcError('CLOSED', `Connection to ${this.peer} is closed`));
    // Corked, the header and payload leave in one writev: one segment for a small frame, and no
    // copy of a large payload just to glue four bytes in front of it.
    this.socket.cork();
    this.socket.write(frameHeader(payload.length));
    const belowHighWaterMark = this.socket.write(payload);
    this.socket.uncork();
    if (belowHighWaterMark) return Promise.resolve();
    // Every sender waiting at the same time shares one promise, so a burst of sends adds one
    // 'drain' wait, not one listener each.
    if (this.drain === undefined) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Marked as handled: a fire-and-forget send must not crash the process with an unhandled
      // rejection when the connection drops; a sender that awaits still sees the error.
      promise.catch(() => {});
      this.drain = { promise, resolve, reject };
    }
    return this.drain.promise;
  }

  /** Stops reading: TCP flow control then holds the peer's writes back. Frames already read wait. */
  pause(): void {
    this.paused = true;
    this.socket.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.resume();
    // Frames read before the pause are delivered on a later tick, not inside resume()'s caller.
    queueMicrotask(() => this.pump());
  }

  /** Ends the stream after queued writes are flushed; destroys the socket if that takes `graceMs`. */
  end(graceMs: number): void {
    if (this.socket.destroyed) return;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), graceMs).unref();
  }

  /** Drops the connection now; `error` is what the handler's closed() will be told. */
  destroy(error?: Error): void {
    if (error) this.error ??= error;
    this.socket.destroy();
  }

  /** Delivers buffered frames until none is complete, the reader pauses, or the socket is gone. */
  private pump(): void {
    // A handler that resumes or writes from inside frame() must not start a second loop.
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.paused && !this.socket.destroyed && this.handler !== undefined) {
        let payload: Buffer | undefined;
        try {
          payload = this.decoder.next();
        } catch (error) {
          this.destroy(error as Error);
          return;
        }
        if (payload === undefined) return;
        this.handler.frame(payload);
      }
    } finally {
      this.pumping = false;
    }
  }

  private settleDrain(error?: Error): void {
    const drain = this.drain;
    if (drain === undefined) return;
    this.drain = undefined;
    if (error) drain.reject(error);
    else drain.resolve();
  }
}
