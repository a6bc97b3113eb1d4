import { decodePayload, encodePayload } from './message-codec.js';
import { RpcError } from './rpc-error.js';
import { isRpcMessage, type ReceivedMessage } from './rpc-message.js';

/*
 * Every frame's payload is one MessagePack array whose first element says what it is. Arrays rather
 * than objects keep the per-message overhead to a few bytes; the message itself is the last element.
 */

/** Names the protocol and its version in the server's challenge: an endpoint from an incompatible
 * build, or something that is not an RPC endpoint at all, is told apart from a wrong secret. */
export const PROTOCOL = 'sparkbench-rpc/1';

/** Bytes of each side's random challenge. */
export const NONCE_BYTES = 32;

/**
 * Largest frame accepted before the peer has authenticated. The handshake's frames are a few hundred
 * bytes; without this cap anyone able to connect could make the endpoint buffer 256 MiB.
 */
export const HANDSHAKE_MAX_FRAME_BYTES = 4096;

export const Kind = {
  /** server -> client, first frame: [protocol, serverNonce] */
  challenge: 0,
  /** client -> server: [clientProof, clientNonce, clientName] */
  response: 1,
  /** server -> client: [serverProof, serverName]; the connection is authenticated both ways */
  accepted: 2,
  /** server -> client: the client's proof was wrong; the server closes right after */
  rejected: 3,
  /** either way: [message], no reply expected */
  oneWay: 10,
  /** either way: [id, message], the peer answers with reply or failure carrying the same id */
  ask: 11,
  /** [id, value] */
  reply: 12,
  /** [id, error message]: the peer's handler threw or its reply could not be sent */
  failure: 13,
} as const;

export type Envelope =
  | readonly [kind: typeof Kind.challenge, protocol: string, serverNonce: Buffer]
  | readonly [kind: typeof Kind.response, clientProof: Buffer, clientNonce: Buffer, clientName: string]
  | readonly [kind: typeof Kind.accepted, serverProof: Buffer, serverName: string]
  | readonly [kind: typeof Kind.rejected]
  | readonly [kind: typeof Kind.oneWay, message: ReceivedMessage]
  | readonly [kind: typeof Kind.ask, id: number, message: ReceivedMessage]
  | readonly [kind: typeof Kind.reply, id: number, value: unknown]
  | readonly [kind: typeof Kind.failure, id: number, error: string];

export function encodeEnvelope(envelope: Envelope): Buffer {
  return encodePayload(envelope);
}

/**
 * Decodes and checks a frame's payload. Throws an RpcError (PROTOCOL) for anything malformed, with
 * `source` ("from worker-1 at 127.0.0.1:5000") in the message.
 */
export function decodeEnvelope(frame: Buffer, source: string): Envelope {
  let value: unknown;
  try {
    value = decodePayload(frame);
  } catch (error) {
    throw new RpcError('PROTOCOL', `Undecodable frame ${source}: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(value) || !isValid(value)) {
    throw new RpcError('PROTOCOL', `Malformed frame ${source}: not a ${PROTOCOL} envelope`);
  }
  return value as unknown as Envelope;
}

function isValid(v: unknown[]): boolean {
  switch (v[0]) {
    case Kind.challenge:
      return v.length === 3 && typeof v[1] === 'string' && isBytes(v[2]);
    case Kind.response:
      return v.length === 4 && isBytes(v[1]) && isBytes(v[2]) && typeof v[3] === 'string';
    case Kind.accepted:
      return v.length === 3 && isBytes(v[1]) && typeof v[2] === 'string';
    case Kind.rejected:
      return v.length === 1;
    case Kind.oneWay:
      return v.length === 2 && isRpcMessage(v[1]);
    case Kind.ask:
      return v.length === 3 && isId(v[1]) && isRpcMessage(v[2]);
    case Kind.reply:
      return v.length === 3 && isId(v[1]);
    case Kind.failure:
      return v.length === 3 && isId(v[1]) && typeof v[2] === 'string';
    default:
      return false;
  }
}

function isBytes(value: unknown): value is Buffer {
  return Buffer.isBuffer(value);
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value);
}
