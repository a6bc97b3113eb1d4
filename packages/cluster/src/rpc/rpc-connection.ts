import { formatAddress } from './address.js';
import { decodeEnvelope, encodeEnvelope, Kind, type Envelope } from './envelope.js';
import type { FramedSocket } from './framed-socket.js';
import { RpcError } from './rpc-error.js';
import type { RpcLogger } from './rpc-logger.js';
import { describeMessageType, isRpcMessage, type ReceivedMessage, type RpcMessage } from './rpc-message.js';

/**
 * Receives the peer's messages, in arrival order. For an ask (`expectsReply`), what it returns, or
 * what its Promise resolves to, is the reply, and a throw or rejection reaches the asker as an
 * error; for a one-way message the result is ignored and a throw is logged. Handlers are not
 * serialised: an async handler still running does not hold back the next message.
 */
export type MessageHandler = (message: ReceivedMessage, expectsReply: boolean) => unknown;

/** Why a connection ended. */
export type CloseReason =
  /** close() was called on this side. */
  | { readonly kind: 'local' }
  /** The peer closed the connection (or its process exited cleanly). */
  | { readonly kind: 'peer-closed' }
  /** A socket error (a reset when the peer's process dies) or a bad frame from the peer. */
  | { readonly kind: 'error'; readonly error: Error }
  /** The peer went silent while asks were waiting (see `idleTimeoutMs`). */
  | { readonly kind: 'timeout'; readonly error: RpcError };

export function describeCloseReason(reason: CloseReason): string {
  switch (reason.kind) {
    case 'local':
      return 'closed locally';
    case 'peer-closed':
      return 'closed by the peer';
    case 'error':
    case 'timeout':
      return reason.error.message;
  }
}

/** Like spark.rpc.askTimeout's default. */
export const DEFAULT_ASK_TIMEOUT_MS = 120_000;

/** How long close() lets queued frames flush and the peer hang up before dropping the socket. */
export const CLOSE_GRACE_MS = 2_000;

/** @internal What connect() and listen() know once the peer has authenticated. */
export interface ConnectionSetup {
  readonly localName: string;
  readonly remoteName: string;
  readonly remoteHost: string;
  readonly remotePort: number;
  readonly maxFrameBytes: number;
  readonly idleTimeoutMs: number | undefined;
  readonly log: RpcLogger;
}

interface PendingAsk {
  readonly type: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One authenticated connection to a peer endpoint; the same class on both sides. Obtained from
 * connect() or a server's onConnection callback, never constructed directly.
 */
export class RpcConnection {
  readonly localName: string;
  /** The name the peer gave during the handshake (`master`, `worker-1`). */
  readonly remoteName: string;
  readonly remoteHost: string;
  readonly remotePort: number;

  private handler: MessageHandler | undefined;
  /** Messages that arrived before onMessage(): [message, ask id or undefined]. */
  private early: Array<readonly [ReceivedMessage, number | undefined]> = [];
  private readonly pending = new Map<number, PendingAsk>();
  private nextAskId = 1;
  private readonly closeListeners: Array<(reason: CloseReason) => void> = [];
  private reason: CloseReason | undefined;
  private closingLocally = false;
  private idleError: RpcError | undefined;
  private readonly closed: Promise<void>;
  private markClosed!: () => void;
  private readonly log: RpcLogger;
  private readonly idleTimeoutMs: number | undefined;

  /** @internal */
  constructor(
    private readonly framed: FramedSocket,
    setup: ConnectionSetup,
  ) {
    this.localName = setup.localName;
    this.remoteName = setup.remoteName;
    this.remoteHost = setup.remoteHost;
    this.remotePort = setup.remotePort;
    this.log = setup.log;
    this.idleTimeoutMs = setup.idleTimeoutMs;
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    framed.peer = this.peer;
    framed.decoder.maxFrameBytes = setup.maxFrameBytes;
    if (setup.idleTimeoutMs !== undefined) framed.socket.setTimeout(setup.idleTimeoutMs);
    framed.setHandler({
      frame: (payload) => this.receive(payload),
      closed: (error) => this.finish(error),
      idle: () => this.idle(),
    });
  }

  /** `host:port` of the peer's socket. */
  get remoteAddress(): string {
    return formatAddress(this.remoteHost, this.remotePort);
  }

  /** `worker-1 at 127.0.0.1:5000`, as error messages name the peer. */
  get peer(): string {
    return `${this.remoteName} at ${this.remoteAddress}`;
  }

  /** False once close() has been called or the connection has ended. */
  get isOpen(): boolean {
    return this.reason === undefined && !this.closingLocally;
  }

  /**
   * Bytes sent but still queued in this process (not yet taken by the kernel). With every send
   * awaited this stays around one frame; it grows only for sends nobody waits for.
   */
  get queuedBytes(): number {
    return this.framed.socket.writableLength;
  }

  /** Why the connection ended; undefined while it is still open or closing. */
  get closeReason(): CloseReason | undefined {
    return this.reason;
  }

  /**
   * Sets the handler for the peer's messages (replacing any earlier one). Messages that arrived
   * before the first handler was set are delivered to it, in order, on a later tick.
   */
  onMessage(handler: MessageHandler): void {
    this.handler = handler;
    if (this.early.length > 0) queueMicrotask(() => this.deliverEarly());
  }

  /** Calls `listener` once when the connection ends (at once, on a later tick, if it already has). */
  onClose(listener: (reason: CloseReason) => void): void {
    const reason = this.reason;
    if (reason !== undefined) queueMicrotask(() => this.notifyClosed(listener, reason));
    else this.closeListeners.push(listener);
  }

  /**
   * Sends a one-way message. Resolves when the frame is handed to the socket, or, if the socket's
   * buffer is full, once it has drained: a producer awaiting each send keeps at most about one
   * buffer's worth queued. Resolving does not mean the peer has processed it (use ask for that).
   * Rejects if the message is not an RPC message, cannot be serialised, exceeds the frame limit, or
   * the connection is or becomes closed first. Not awaiting is safe: the rejection is then dropped,
   * like a message to a peer that has gone.
   */
  send(message: RpcMessage): Promise<void> {
    return handled(this.sendEnvelope(message, (m) => [Kind.oneWay, m]));
  }

  /**
   * Sends a message the peer's handler answers; resolves with its reply. Rejects with an RpcError:
   * ASK_TIMEOUT if no reply comes within `timeoutMs`, REMOTE_FAILURE if the peer's handler failed,
   * CLOSED if the connection ends first; each message names the peer and the message type.
   * `R` is not checked: it states what the caller expects the peer to reply.
   * The reply settles a promise, so code awaiting it runs a microtask later than the handler of a
   * message that arrived right behind the reply: do not assume the reply is seen first.
   */
  ask<R = unknown>(message: RpcMessage, timeoutMs: number = DEFAULT_ASK_TIMEOUT_MS): Promise<R> {
    const id = this.nextAskId++;
    return new Promise<R>((resolve, reject) => {
      const type = describeMessageType(message);
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) {
          reject(new RpcError('ASK_TIMEOUT', `No reply from ${this.peer} to ${type} within ${timeoutMs} ms`));
        }
      }, timeoutMs);
      this.pending.set(id, { type, resolve: resolve as (value: unknown) => void, reject, timer });
      this.sendEnvelope(message, (m) => [Kind.ask, id, m]).catch((error: Error) => this.settleAsk(id, error));
    });
  }

  /**
   * Stops reading from the peer; TCP flow control then makes the peer's sends wait, so a receiver
   * that cannot keep up pushes back instead of buffering. While paused, replies to this side's asks
   * are not read either.
   */
  pause(): void {
    this.framed.pause();
  }

  resume(): void {
    this.framed.resume();
  }

  /**
   * Closes the connection: asks still waiting are rejected, frames already sent are flushed, and
   * the peer sees 'peer-closed'. Resolves once the socket is closed. No message is delivered after.
   */
  close(): Promise<void> {
    if (this.isOpen) {
      this.closingLocally = true;
      this.rejectPending((type) => new RpcError('CLOSED', `Connection to ${this.peer} was closed before ${type} was answered`));
      this.early = [];
      // A paused socket would never read the peer's FIN, and the socket only closes once it has.
      this.framed.resume();
      this.framed.end(CLOSE_GRACE_MS);
    }
    return this.closed;
  }

  private sendEnvelope(message: RpcMessage, wrap: (message: ReceivedMessage) => Envelope): Promise<void> {
    if (!isRpcMessage(message)) {
      return Promise.reject(new TypeError(`Cannot send ${describeMessageType(message)}: messages are objects with a string "type"`));
    }
    if (!this.isOpen) {
      return Promise.reject(new RpcError('CLOSED', `Cannot send ${message.type}: the connection to ${this.peer} is closed`));
    }
    let frame: Buffer;
    try {
      frame = encodeEnvelope(wrap(message));
    } catch (error) {
      return Promise.reject(new TypeError(`Cannot serialise ${message.type}: ${(error as Error).message}`, { cause: error }));
    }
    return this.framed.write(frame);
  }

  private receive(payload: Buffer): void {
    // After close() this side is stopping: it neither handles messages nor expects replies.
    if (!this.isOpen) return;
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(payload, `from ${this.peer}`);
    } catch (error) {
      this.framed.destroy(error as Error);
      return;
    }
    switch (envelope[0]) {
      case Kind.oneWay:
        this.deliver(envelope[1], undefined);
        return;
      case Kind.ask:
        this.deliver(envelope[2], envelope[1]);
        return;
      case Kind.reply:
        this.settleAsk(envelope[1], undefined, envelope[2]);
        return;
      case Kind.failure: {
        const type = this.pending.get(envelope[1])?.type ?? 'a message';
        this.settleAsk(envelope[1], new RpcError('REMOTE_FAILURE', `${this.peer} failed to handle ${type}: ${envelope[2]}`));
        return;
      }
      default:
        this.framed.destroy(new RpcError('PROTOCOL', `Unexpected handshake frame from ${this.peer} after authentication`));
    }
  }

  private deliver(message: ReceivedMessage, askId: number | undefined): void {
    // Queue behind earlier messages still waiting for a handler, so order is kept.
    if (this.handler === undefined || this.early.length > 0) this.early.push([message, askId]);
    else this.dispatch(this.handler, message, askId);
  }

  private deliverEarly(): void {
    while (this.early.length > 0 && this.handler !== undefined && this.isOpen) {
      const [message, askId] = this.early.shift()!;
      this.dispatch(this.handler, message, askId);
    }
  }

  private dispatch(handler: MessageHandler, message: ReceivedMessage, askId: number | undefined): void {
    let result: unknown;
    try {
      result = handler(message, askId !== undefined);
    } catch (error) {
      this.handlerFailed(message, askId, error);
      return;
    }
    if (isThenable(result)) {
      result.then(
        (value) => askId !== undefined && this.reply(message, askId, value),
        (error: unknown) => this.handlerFailed(message, askId, error),
      );
    } else if (askId !== undefined) {
      this.reply(message, askId, result);
    }
  }

  private reply(message: ReceivedMessage, askId: number, value: unknown): void {
    if (!this.isOpen) return;
    let frame: Buffer;
    try {
      frame = encodeEnvelope([Kind.reply, askId, value]);
    } catch (error) {
      this.sendFailure(askId, `its reply to ${message.type} could not be serialised: ${(error as Error).message}`);
      return;
    }
    this.framed.write(frame).catch((error: Error) => {
      // The asker is still waiting; tell it why rather than let it time out.
      if (error instanceof RpcError && error.code === 'FRAME_TOO_LARGE') this.sendFailure(askId, error.message);
    });
  }

  private handlerFailed(message: ReceivedMessage, askId: number | undefined, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    if (askId !== undefined) this.sendFailure(askId, text);
    else this.log('WARN', `Handler for ${message.type} from ${this.peer} failed: ${text}`);
  }

  private sendFailure(askId: number, text: string): void {
    if (!this.isOpen) return;
    this.framed.write(encodeEnvelope([Kind.failure, askId, text])).catch(() => {});
  }

  private settleAsk(id: number, error: Error | undefined, value?: unknown): void {
    const ask = this.pending.get(id);
    // A reply after the ask timed out finds nothing to settle; it is dropped.
    if (ask === undefined) return;
    this.pending.delete(id);
    clearTimeout(ask.timer);
    if (error !== undefined) ask.reject(error);
    else ask.resolve(value);
  }

  private rejectPending(errorFor: (type: string) => Error): void {
    for (const [id, ask] of [...this.pending]) this.settleAsk(id, errorFor(ask.type));
  }

  /**
   * The socket has been quiet for idleTimeoutMs. A quiet connection owing us nothing is healthy
   * (peers may have nothing to say); one with asks outstanding has a peer that is hung or gone
   * without a FIN (a suspended process, a dropped link), which no socket event would ever reveal.
   */
  private idle(): void {
    if (this.pending.size === 0 || !this.isOpen) return;
    this.idleError = new RpcError(
      'IDLE_TIMEOUT',
      `No traffic from ${this.peer} for ${this.idleTimeoutMs} ms while ${this.pending.size} ask(s) awaited replies`,
    );
    this.framed.destroy(this.idleError);
  }

  private finish(error: Error | undefined): void {
    const reason: CloseReason = this.closingLocally
      ? { kind: 'local' }
      : this.idleError !== undefined
        ? { kind: 'timeout', error: this.idleError }
        : error !== undefined
          ? { kind: 'error', error }
          : { kind: 'peer-closed' };
    this.reason = reason;
    this.early = [];
    const why = describeCloseReason(reason);
    this.rejectPending((type) => new RpcError('CLOSED', `Connection to ${this.peer} ended (${why}) before ${type} was answered`));
    for (const listener of this.closeListeners.splice(0)) this.notifyClosed(listener, reason);
    this.markClosed();
  }

  /** One listener's failure is logged, so it neither skips the others nor escapes as an uncaught error. */
  private notifyClosed(listener: (reason: CloseReason) => void, reason: CloseReason): void {
    try {
      listener(reason);
    } catch (error) {
      this.log('ERROR', `onClose listener for ${this.peer} failed: ${(error as Error).message}`);
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The same promise, marked as handled so that not awaiting it cannot crash the process. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
