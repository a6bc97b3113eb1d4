import { afterEach, describe, expect, it } from 'vitest';
import { Kind, PROTOCOL } from '../../src/rpc/envelope.js';
import { RpcError } from '../../src/rpc/rpc-error.js';
import { frameHeader } from '../../src/rpc/frame-decoder.js';
import { Harness, RawPeer, SECRET } from './harness.js';
import { randomBytes } from 'node:crypto';

const h = new Harness();
afterEach(() => h.closeAll());

const AUTH_FAILED_LOG = /^Authentication failed from 127\.0\.0\.1:\d+$/;

describe('authentication', () => {
  it('admits a client with the right secret and tells each side the other name', async () => {
    const names: string[] = [];
    const server = await h.listen({ name: 'master', onConnection: (conn) => names.push(h.track(conn).remoteName) });
    const client = await h.connect({ port: server.port, name: 'worker-7' });
    expect(client.remoteName).toBe('master');
    await expect.poll(() => names).toEqual(['worker-7']);
    expect(h.logs.filter(([level]) => level !== 'INFO')).toEqual([]);
  });

  it('refuses a client with the wrong secret: connect rejects, the server logs, nothing is delivered', async () => {
    let connections = 0;
    const server = await h.listen({ onConnection: () => connections++ });
    const error = await h.connect({ port: server.port, secret: 'not-the-secret' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('AUTH_FAILED');
    expect((error as RpcError).message).toBe('Authentication failed: wrong secret (spark.authenticate.secret)');
    expect(h.logs).toEqual([['WARN', expect.stringMatching(AUTH_FAILED_LOG)]]);
    expect(connections).toBe(0);
    expect(server.connections.size).toBe(0);
  });

  it('processes no message sent before authentication, and drops that peer', async () => {
    let connections = 0;
    const server = await h.listen({ onConnection: () => connections++ });
    const raw = await h.rawClient(server.port);
    // Skip the handshake and go straight to a message, and an ask.
    raw.send([Kind.oneWay, { type: 'KillExecutor', executorId: '1' }]);
    raw.send([Kind.ask, 1, { type: 'MasterState' }]);
    const challenge = await raw.next();
    expect(challenge[0]).toBe(Kind.challenge);
    expect(challenge[1]).toBe(PROTOCOL);
    await raw.closed;
    expect(connections).toBe(0);
    expect(h.logs).toEqual([
      ['WARN', expect.stringMatching(/^Authentication failed from 127\.0\.0\.1:\d+: expected an authentication response, got a frame of kind 10$/)],
    ]);
  });

  it('drops a client that sends an oversized frame before authenticating', async () => {
    const server = await h.listen();
    const raw = await h.rawClient(server.port);
    raw.socket.write(frameHeader(10 * 1024 * 1024));
    await raw.closed;
    expect(h.logs).toEqual([['WARN', expect.stringMatching(/^Authentication failed from 127\.0\.0\.1:\d+: Frame of 10485760 bytes/)]]);
  });

  it('drops a client that does not answer the challenge in time', async () => {
    const server = await h.listen({ authTimeoutMs: 100 });
    const raw = await h.rawClient(server.port);
    await raw.closed;
    expect(h.logs).toEqual([
      ['WARN', expect.stringMatching(/^Authentication failed from 127\.0\.0\.1:\d+: no answer to the challenge within 100 ms$/)],
    ]);
  });

  it('refuses a server that cannot prove it knows the secret (mutual authentication)', async () => {
    // An impostor that accepts any client but does not know the secret.
    const port = await h.rawServer((socket) => {
      const peer = new RawPeer(socket);
      peer.send([Kind.challenge, PROTOCOL, randomBytes(32)]);
      void peer.next().then(() => peer.send([Kind.accepted, randomBytes(32), 'master']), () => {});
    });
    const error = await h.connect({ port, secret: SECRET }).catch((e: unknown) => e);
    expect((error as RpcError).code).toBe('AUTH_FAILED');
    expect((error as RpcError).message).toBe(
      `Authentication failed: 127.0.0.1:${port} could not prove it knows the secret (spark.authenticate.secret)`,
    );
  });

  it('reports a server speaking another protocol version', async () => {
    const port = await h.rawServer((socket) => new RawPeer(socket).send([Kind.challenge, 'sparkbench-rpc/0', randomBytes(32)]));
    await expect(h.connect({ port })).rejects.toThrow(
      `Failed to connect to 127.0.0.1:${port}: it speaks sparkbench-rpc/0, this build speaks ${PROTOCOL}`,
    );
  });

  it('refuses an empty secret up front', async () => {
    await expect(h.listen({ secret: '' })).rejects.toThrow('spark.authenticate.secret must be a non-empty string');
  });
});
