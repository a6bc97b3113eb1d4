import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { DEFAULT_HOST, formatAddress } from './address.js';
import { checkSecret } from './auth-proof.js';
import { HANDSHAKE_MAX_FRAME_BYTES } from './envelope.js';
import { MAX_FRAME_BYTES } from './frame-decoder.js';
import { FramedSocket } from './framed-socket.js';
import { listenError } from './listen-error.js';
import { CLOSE_GRACE_MS, RpcConnection } from './rpc-connection.js';
import { defaultRpcLogger, type RpcLogger } from './rpc-logger.js';
import { challengeClient } from './server-handshake.js';

export interface ListenOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port; the server reports the one it got. */
  readonly port?: number;
  /** Shared with every client (spark.authenticate.secret). */
  readonly secret: string;
  /** This endpoint's name, told to clients after they authenticate (`master`, `worker-1`). */
  readonly name: string;
  /**
   * Called for each client once it has authenticated, before any of its messages is read; set the
   * connection's onMessage here (messages arriving sooner wait for it).
   */
  readonly onConnection: (connection: RpcConnection) => void;
  /** Failed authentications are logged here at WARN. Default: WARN and above to stderr. */
  readonly log?: RpcLogger;
  /** How long a client may take to authenticate before it is dropped. Default 10 s. */
  readonly authTimeoutMs?: number;
  /** See {@link ConnectOptions.idleTimeoutMs}; applies to every accepted connection. */
  readonly idleTimeoutMs?: number;
  /** Largest frame read or written once authenticated. Default {@link MAX_FRAME_BYTES}. */
  readonly maxFrameBytes?: number;
}

/** A listening endpoint (Spark's RpcEnv server side). */
export interface RpcServer {
  readonly name: string;
  readonly host: string;
  /** The port actually bound (the one chosen by the OS when listening on port 0). */
  readonly port: number;
  /** `host:port`. */
  readonly address: string;
  /** The authenticated connections still open. */
  readonly connections: ReadonlySet<RpcConnection>;
  /** Stops accepting, closes every connection (their peers see 'peer-closed'); resolves when all are closed. */
  close(): Promise<void>;
}

export const DEFAULT_AUTH_TIMEOUT_MS = 10_000;

/**
 * Listens for RPC clients. Rejects with an RpcError such as `Address 127.0.0.1:7077 is already in use`
 * (code ADDRESS_IN_USE) if the port is taken.
 */
export async function listen(options: ListenOptions): Promise<RpcServer> {
  checkSecret(options.secret);
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`Invalid port ${port} for ${options.name}: expected an integer from 0 to 65535`);
  }
  const server = createServer({ noDelay: true });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => reject(listenError(error, formatAddress(host, port)));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  return new ListeningServer(server, host, (server.address() as AddressInfo).port, options);
}

class ListeningServer implements RpcServer {
  readonly name: string;
  readonly connections = new Set<RpcConnection>();
  /** Sockets still authenticating: not connections yet, but close() must drop them too. */
  private readonly handshaking = new Set<FramedSocket>();
  private closing: Promise<void> | undefined;
  private readonly log: RpcLogger;

  constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
    private readonly options: ListenOptions,
  ) {
    this.name = options.name;
    this.log = options.log ?? defaultRpcLogger;
    server.on('connection', (socket) => this.accept(socket));
    server.on('error', (error) => this.log('ERROR', `RPC server ${this.name} at ${this.address} failed: ${error.message}`));
  }

  get address(): string {
    return formatAddress(this.host, this.port);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const framed of this.handshaking) framed.destroy();
      await Promise.all([...this.connections].map((connection) => connection.close()));
      await stopped;
    })();
    return this.closing;
  }

  private accept(socket: Socket): void {
    const { remoteAddress, remotePort } = socket;
    // Already gone (reset before we got to it), or arriving while we shut down.
    if (remoteAddress === undefined || remotePort === undefined || this.closing !== undefined) {
      socket.destroy();
      return;
    }
    const address = formatAddress(remoteAddress, remotePort);
    const framed = new FramedSocket(socket, address, HANDSHAKE_MAX_FRAME_BYTES);
    this.handshaking.add(framed);
    socket.once('close', () => this.handshaking.delete(framed));
    challengeClient(framed, {
      address,
      secret: this.options.secret,
      serverName: this.name,
      timeoutMs: this.options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
      closeGraceMs: CLOSE_GRACE_MS,
      log: this.log,
      onAuthenticated: (clientName) => {
        this.handshaking.delete(framed);
        const connection = new RpcConnection(framed, {
          localName: this.name,
          remoteName: clientName,
          remoteHost: remoteAddress,
          remotePort,
          maxFrameBytes: this.options.maxFrameBytes ?? MAX_FRAME_BYTES,
          idleTimeoutMs: this.options.idleTimeoutMs,
          log: this.log,
        });
        this.connections.add(connection);
        connection.onClose(() => this.connections.delete(connection));
        try {
          this.options.onConnection(connection);
        } catch (error) {
          this.log('ERROR', `onConnection for ${connection.peer} failed: ${(error as Error).message}`);
          void connection.close();
        }
      },
    });
  }
}
