import { connect as netConnect } from 'node:net';
import { DEFAULT_HOST, formatAddress } from './address.js';
import { checkSecret } from './auth-proof.js';
import { HANDSHAKE_MAX_FRAME_BYTES } from './envelope.js';
import { answerChallenge } from './client-handshake.js';
import { MAX_FRAME_BYTES } from './frame-decoder.js';
import { FramedSocket } from './framed-socket.js';
import { RpcConnection } from './rpc-connection.js';
import { defaultRpcLogger, type RpcLogger } from './rpc-logger.js';

export interface ConnectOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly port: number;
  /** Must equal the server's (spark.authenticate.secret). */
  readonly secret: string;
  /** This endpoint's name, told to the server during the handshake. */
  readonly name: string;
  /** Budget for connecting and authenticating. Default 10 s. */
  readonly timeoutMs?: number;
  /** Where the connection logs handler failures. Default: WARN and above to stderr. */
  readonly log?: RpcLogger;
  /**
   * Ends the connection (reason 'timeout') when the peer sends nothing for this long while asks
   * are waiting for its replies. Default: never.
   */
  readonly idleTimeoutMs?: number;
  /** Largest frame read or written once authenticated. Default {@link MAX_FRAME_BYTES}. */
  readonly maxFrameBytes?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects to an RPC server and authenticates both ways. Rejects with an RpcError naming host:port:
 * CONNECTION_REFUSED, CONNECT_TIMEOUT (after `timeoutMs`), AUTH_FAILED
 * (`Authentication failed: wrong secret (spark.authenticate.secret)`), PROTOCOL or CONNECT_FAILED.
 */
export function connect(options: ConnectOptions): Promise<RpcConnection> {
  checkSecret(options.secret);
  const host = options.host ?? DEFAULT_HOST;
  const { port } = options;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return Promise.reject(new RangeError(`Invalid port ${port} to connect to: expected an integer from 1 to 65535`));
  }
  const address = formatAddress(host, port);
  return new Promise<RpcConnection>((resolve, reject) => {
    const socket = netConnect({ host, port, noDelay: true });
    const framed = new FramedSocket(socket, address, HANDSHAKE_MAX_FRAME_BYTES);
    answerChallenge(framed, {
      address,
      secret: options.secret,
      clientName: options.name,
      timeoutMs: options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      onFailed: reject,
      onAuthenticated: (serverName) =>
        resolve(
          new RpcConnection(framed, {
            localName: options.name,
            remoteName: serverName,
            remoteHost: host,
            remotePort: port,
            maxFrameBytes: options.maxFrameBytes ?? MAX_FRAME_BYTES,
            idleTimeoutMs: options.idleTimeoutMs,
            log: options.log ?? defaultRpcLogger,
          }),
        ),
    });
  });
}
