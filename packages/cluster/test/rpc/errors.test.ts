import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../src/rpc/rpc-error.js';
import { Harness } from './harness.js';

const h = new Harness();
afterEach(() => h.closeAll());

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('connection and listen errors', () => {
  it('says the connection was refused, naming host:port', async () => {
    const port = await freePort();
    const error = await h.connect({ port, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect((error as RpcError).code).toBe('CONNECTION_REFUSED');
    expect((error as RpcError).message).toBe(`Failed to connect to 127.0.0.1:${port}: connection refused (nothing is listening there)`);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const port = await h.rawServer(() => {});
    const error = await h.connect({ port, timeoutMs: 150 }).catch((e: unknown) => e);
    expect((error as RpcError).code).toBe('CONNECT_TIMEOUT');
    expect((error as RpcError).message).toBe(`Failed to connect to 127.0.0.1:${port}: no answer within 150 ms`);
  });

  it('recognises something that is not an RPC endpoint', async () => {
    const port = await h.rawServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await expect(h.connect({ port })).rejects.toThrow(
      new RegExp(`^Failed to connect to 127\\.0\\.0\\.1:${port}: not a sparkbench-rpc/1 endpoint`),
    );
  });

  it('says the address is in use when the port is taken', async () => {
    const first = await h.listen();
    const error = await h.listen({ port: first.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('ADDRESS_IN_USE');
    expect((error as RpcError).message).toBe(`Address 127.0.0.1:${first.port} is already in use`);
  });

  it('listens on 127.0.0.1 and an OS-chosen port by default', async () => {
    const server = await h.listen();
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
  });
});
