import { authProof, newNonce, proofMatches } from './auth-proof.js';
import { decodeEnvelope, encodeEnvelope, Kind, NONCE_BYTES, PROTOCOL } from './envelope.js';
import type { FramedSocket } from './framed-socket.js';
import { RpcError } from './rpc-error.js';
import type { RpcLogger } from './rpc-logger.js';

export interface ServerHandshakeOptions {
  /** The client's "host:port", for the log. */
  readonly address: string;
  readonly secret: string;
  readonly serverName: string;
  /** How long a client may take to answer the challenge. */
  readonly timeoutMs: number;
  /** How long to wait for a refused client to hang up before dropping it. */
  readonly closeGraceMs: number;
  readonly log: RpcLogger;
  /**
   * Called synchronously once the client has proved itself, before any later frame is read, so
   * the caller can install the connection's frame handler in time for frames in the same chunk.
   */
  readonly onAuthenticated: (clientName: string) => void;
}

/**
 * Runs the server's side of the handshake on a newly accepted socket: send a challenge, check the
 * client's proof, then either prove ourselves and hand over, or refuse and close. Until then every
 * frame is read as a handshake frame: nothing reaches a message handler before authentication.
 */
export function challengeClient(framed: FramedSocket, options: ServerHandshakeOptions): void {
  const { address, secret, log } = options;
  const serverNonce = newNonce();
  let settled = false;

  const refuse = (detail: string | undefined, tellClient: boolean): void => {
    settle();
    log('WARN', detail === undefined ? `Authentication failed from ${address}` : `Authentication failed from ${address}: ${detail}`);
    if (tellClient) {
      // The verdict lets the client report a wrong secret rather than a mysterious hang-up.
      framed.write(encodeEnvelope([Kind.rejected])).catch(() => {});
      framed.end(options.closeGraceMs);
    } else {
      framed.destroy();
    }
  };
  const timer = setTimeout(
    () => refuse(`no answer to the challenge within ${options.timeoutMs} ms`, false),
    options.timeoutMs,
  );
  const settle = (): void => {
    settled = true;
    clearTimeout(timer);
  };

  framed.setHandler({
    frame(payload) {
      if (settled) return;
      let envelope;
      try {
        envelope = decodeEnvelope(payload, `from ${address}`);
      } catch (error) {
        refuse((error as Error).message, false);
        return;
      }
      if (envelope[0] !== Kind.response) {
        refuse(`expected an authentication response, got a frame of kind ${envelope[0]}`, false);
        return;
      }
      const [, clientProof, clientNonce, clientName] = envelope;
      if (clientNonce.length !== NONCE_BYTES) {
        refuse(`malformed authentication response`, false);
        return;
      }
      if (!proofMatches(authProof(secret, 'client', serverNonce, clientNonce), clientProof)) {
        refuse(undefined, true);
        return;
      }
      settle();
      // Our name is only revealed to a client that has proved itself.
      const serverProof = authProof(secret, 'server', serverNonce, clientNonce);
      framed.write(encodeEnvelope([Kind.accepted, serverProof, options.serverName])).catch(() => {});
      options.onAuthenticated(clientName);
    },
    closed(error) {
      if (settled) return;
      // The byte stream itself was bad (an oversized frame): a failed attempt, not a departure.
      if (error instanceof RpcError) {
        refuse(error.message, false);
        return;
      }
      settle();
      // Not a failed attempt, just a peer (a port probe, a client that gave up) leaving: INFO.
      const why = error ? `: ${error.message}` : '';
      log('INFO', `Connection from ${address} closed before authenticating${why}`);
    },
  });
  framed.write(encodeEnvelope([Kind.challenge, PROTOCOL, serverNonce])).catch(() => {});
}
