import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import type { LogLevel } from '@sparkbench/core';
import { connect, type ConnectOptions } from '../../src/rpc/connect.js';
import { decodePayload, encodePayload } from '../../src/rpc/message-codec.js';
import { FrameDecoder, frameHeader } from '../../src/rpc/frame-decoder.js';
import type { RpcConnection } from '../../src/rpc/rpc-connection.js';
import { listen, type ListenOptions, type RpcServer } from '../../src/rpc/rpc-server.js';

export const SECRET = 'test-secret';

/** Everything a test opens, so afterEach can close it whatever the test did. */
export class Harness {
  readonly logs: Array<[LogLevel, string]> = [];
  private readonly servers: RpcServer[] = [];
  private readonly connections: RpcConnection[] = [];
  private readonly rawServers: Server[] = [];
  private readonly rawSockets: Socket[] = [];

  readonly log = (level: LogLevel, message: string): void => {
    this.logs.push([level, message]);
  };

  async listen(options: Partial<ListenOptions> = {}): Promise<RpcServer> {
    const server = await listen({
      secret: SECRET,
      name: 'master',
      log: this.log,
      onConnection: (connection) => this.connections.push(connection),
      ...options,
    });
    this.servers.push(server);
    return server;
  }

  async connect(options: Partial<ConnectOptions> & { port: number }): Promise<RpcConnection> {
    const connection = await connect({ secret: SECRET, name: 'worker-1', timeoutMs: 5_000, log: this.log, ...options });
    this.connections.push(connection);
    return connection;
  }

  /** A server connection handed over by onConnection, once it arrives. */
  track(connection: RpcConnection): RpcConnection {
    this.connections.push(connection);
    return connection;
  }

  /** A plain TCP server, for playing a misbehaving peer. */
  async rawServer(onSocket: (socket: Socket) => void): Promise<number> {
    const server = createServer((socket) => {
      this.rawSockets.push(socket);
      socket.on('error', () => {});
      onSocket(socket);
    });
    this.rawServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  /** A plain TCP client, for playing a misbehaving peer. */
  async rawClient(port: number): Promise<RawPeer> {
    const socket = netConnect({ host: '127.0.0.1', port });
    this.rawSockets.push(socket);
    socket.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawPeer(socket);
  }

  async closeAll(): Promise<void> {
    this.logs.length = 0;
    for (const socket of this.rawSockets.splice(0)) socket.destroy();
    await Promise.all([
      ...this.connections.splice(0).map((c) => c.close()),
      ...this.servers.splice(0).map((s) => s.close()),
      ...this.rawServers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))),
    ]);
  }
}

/** Speaks frames by hand over a raw socket: the other side of handshake tests. */
export class RawPeer {
  private readonly decoder = new FrameDecoder();
  private readonly frames: unknown[] = [];
  private waiter: (() => void) | undefined;
  readonly closed: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.decoder.push(chunk);
      for (let frame = this.decoder.next(); frame !== undefined; frame = this.decoder.next()) {
        this.frames.push(decodePayload(frame));
      }
      this.waiter?.();
    });
    socket.on('close', () => this.waiter?.());
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  send(value: unknown): void {
    const payload = encodePayload(value);
    this.socket.write(Buffer.concat([frameHeader(payload.length), payload]));
  }

  /** The next decoded frame; rejects if the socket closes first. */
  async next(): Promise<unknown[]> {
    while (this.frames.length === 0) {
      if (this.socket.destroyed) throw new Error('raw peer closed');
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    return this.frames.shift() as unknown[];
  }
}

/** Resolves with the first value `register` hands to its callback. */
export function nextValue<T>(register: (callback: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve) => register(resolve));
}
