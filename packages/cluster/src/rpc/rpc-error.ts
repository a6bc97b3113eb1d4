/**
 * What went wrong, as a stable code a caller can branch on (retry a refused connection, give up on a
 * wrong secret); the message is the sentence to show a person, so it names the address, the peer
 * and the message type involved instead of relying on a stack trace.
 */
export type RpcErrorCode =
  | 'ADDRESS_IN_USE'
  | 'LISTEN_FAILED'
  | 'CONNECTION_REFUSED'
  | 'CONNECT_TIMEOUT'
  | 'CONNECT_FAILED'
  | 'AUTH_FAILED'
  | 'ASK_TIMEOUT'
  | 'IDLE_TIMEOUT'
  | 'CLOSED'
  | 'REMOTE_FAILURE'
  | 'FRAME_TOO_LARGE'
  | 'PROTOCOL';

export class RpcError extends Error {
  override readonly name = 'RpcError';

  constructor(
    readonly code: RpcErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
