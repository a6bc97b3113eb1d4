import { authProof, newNonce, proofMatches } from './auth-proof.js';
import { decodeEnvelope, encodeEnvelope, Kind, NONCE_BYTES, PROTOCOL } from './envelope.js';
import type { FramedSocket } from './framed-socket.js';
import { RpcError } from './rpc-error.js';

export interface ClientHandshakeOptions {
  /** The server's "host:port", for error messages. */
  readonly address: string;
  readonly secret: string;
  readonly clientName: string;
  /** Budget for the TCP connect and the whole handshake. */
  readonly timeoutMs: number;
  /** Called synchronously once the server has proved itself, before any later frame is read. */
  readonly onAuthenticated: (serverName: string) => void;
  readonly onFailed: (error: RpcError) => void;
}

/** The error connect() rejects with when the server refuses our proof. */
export const WRONG_SECRET_MESSAGE = 'Authentication failed: wrong secret (spark.authenticate.secret)';

/**
 * Runs the client's side of the handshake on a connecting socket: answer the server's challenge
 * with our proof and nonce, then check the server's proof. Every failure (refused, timed out, wrong
 * secret, a server that cannot prove itself, something that is not an RPC endpoint) destroys the
 * socket and reaches onFailed exactly once, as an RpcError naming the address.
 */
export function answerChallenge(framed: FramedSocket, options: ClientHandshakeOptions): void {
  const { address, secret } = options;
  const clientNonce = newNonce();
  let serverNonce: Buffer | undefined;
  let settled = false;

  const fail = (error: RpcError): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    framed.destroy();
    options.onFailed(error);
  };
  const timer = setTimeout(
    () => fail(new RpcError('CONNECT_TIMEOUT', `Failed to connect to ${address}: no answer within ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  const notAnEndpoint = (detail: string): RpcError =>
    new RpcError('PROTOCOL', `Failed to connect to ${address}: not a ${PROTOCOL} endpoint (${detail})`);

  framed.setHandler({
    frame(payload) {
      if (settled) return;
      let envelope;
      try {
        envelope = decodeEnvelope(payload, `from ${address}`);
      } catch (error) {
        fail(notAnEndpoint((error as Error).message));
        return;
      }
      if (serverNonce === undefined) {
        if (envelope[0] !== Kind.challenge) {
          fail(notAnEndpoint(`expected a challenge, got a frame of kind ${envelope[0]}`));
          return;
        }
        const [, protocol, nonce] = envelope;
        if (protocol !== PROTOCOL) {
          fail(new RpcError('PROTOCOL', `Failed to connect to ${address}: it speaks ${protocol}, this build speaks ${PROTOCOL}`));
          return;
        }
        if (nonce.length !== NONCE_BYTES) {
          fail(notAnEndpoint('malformed challenge'));
          return;
        }
        serverNonce = nonce;
        const proof = authProof(secret, 'client', serverNonce, clientNonce);
        framed.write(encodeEnvelope([Kind.response, proof, clientNonce, options.clientName])).catch(() => {});
        return;
      }
      if (envelope[0] === Kind.rejected) {
        fail(new RpcError('AUTH_FAILED', WRONG_SECRET_MESSAGE));
        return;
      }
      if (envelope[0] !== Kind.accepted) {
        fail(notAnEndpoint(`expected a verdict on our proof, got a frame of kind ${envelope[0]}`));
        return;
      }
      const [, serverProof, serverName] = envelope;
      // Mutual: a server that accepts us without knowing the secret is an impostor.
      if (!proofMatches(authProof(secret, 'server', serverNonce, clientNonce), serverProof)) {
        fail(
          new RpcError(
            'AUTH_FAILED',
            `Authentication failed: ${address} could not prove it knows the secret (spark.authenticate.secret)`,
          ),
        );
        return;
      }
      settled = true;
      clearTimeout(timer);
      options.onAuthenticated(serverName);
    },
    closed(error) {
      // An oversized "frame" before the challenge is usually another protocol's bytes (an HTTP
      // server's reply read as a length prefix).
      if (error instanceof RpcError && error.code === 'FRAME_TOO_LARGE') fail(notAnEndpoint(error.message));
      else fail(connectFailure(address, error));
    },
  });
}

function connectFailure(address: string, error: Error | undefined): RpcError {
  if (error instanceof RpcError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED') {
    return new RpcError('CONNECTION_REFUSED', `Failed to connect to ${address}: connection refused (nothing is listening there)`, {
      cause: error,
    });
  }
  if (error !== undefined) {
    return new RpcError('CONNECT_FAILED', `Failed to connect to ${address}: ${error.message}`, { cause: error });
  }
  return new RpcError('CONNECT_FAILED', `Failed to connect to ${address}: the connection closed during authentication`);
}
