import { afterEach, describe, expect, it } from 'vitest';
import { RpcError } from '../../src/rpc/rpc-error.js';
import type { CloseReason, RpcConnection } from '../../src/rpc/rpc-connection.js';
import type { ReceivedMessage } from '../../src/rpc/rpc-message.js';
import { Harness, nextValue } from './harness.js';

const h = new Harness();
afterEach(() => h.closeAll());

/** A server whose connections answer with `handler`, and a client connected to it. */
async function pair(handler: (message: ReceivedMessage, expectsReply: boolean, conn: RpcConnection) => unknown = () => undefined) {
  let accepted!: (conn: RpcConnection) => void;
  const serverSide = new Promise<RpcConnection>((resolve) => (accepted = resolve));
  const server = await h.listen({
    onConnection: (conn) => {
      h.track(conn);
      conn.onMessage((message, expectsReply) => handler(message, expectsReply, conn));
      accepted(conn);
    },
  });
  const client = await h.connect({ port: server.port });
  return { server, client, serverConn: await serverSide };
}

describe('RpcConnection', () => {
  it('answers an ask with the handler result, sync or async', async () => {
    const { client } = await pair((message) => {
      if (message.type === 'Add') return (message.a as number) + (message.b as number);
      if (message.type === 'Later') return Promise.resolve({ type: 'Done', id: message.id });
      return undefined;
    });
    expect(await client.ask<number>({ type: 'Add', a: 2, b: 40 }, 5_000)).toBe(42);
    expect(await client.ask({ type: 'Later', id: 'x' }, 5_000)).toEqual({ type: 'Done', id: 'x' });
    expect(await client.ask({ type: 'Unknown' }, 5_000)).toBeUndefined();
  });

  it('matches concurrent asks to their replies by id', async () => {
    const { client } = await pair((message) =>
      // Answer in reverse order of arrival to make mismatches visible.
      new Promise((resolve) => setTimeout(() => resolve((message.n as number) * 10), 50 - (message.n as number))),
    );
    const replies = await Promise.all(Array.from({ length: 50 }, (_, n) => client.ask({ type: 'Times10', n }, 5_000)));
    expect(replies).toEqual(Array.from({ length: 50 }, (_, n) => n * 10));
  });

  it('lets the server ask the client too', async () => {
    const { client, serverConn } = await pair();
    client.onMessage((message) => (message.type === 'WhoAreYou' ? 'worker-1' : undefined));
    expect(await serverConn.ask({ type: 'WhoAreYou' }, 5_000)).toBe('worker-1');
  });

  it('rejects an unanswered ask after its timeout, naming the peer and the message type', async () => {
    let release!: (value: string) => void;
    const { client, server } = await pair((message) =>
      message.type === 'Hang' ? new Promise((resolve) => (release = resolve)) : `echo ${message.type}`,
    );
    const error = await client.ask({ type: 'Hang' }, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('ASK_TIMEOUT');
    expect((error as RpcError).message).toBe(`No reply from master at 127.0.0.1:${server.port} to Hang within 100 ms`);
    // The late reply is dropped; the connection keeps working.
    release('too late');
    expect(await client.ask({ type: 'Ping' }, 5_000)).toBe('echo Ping');
  });

  it('turns a handler failure into a rejected ask naming the peer and message type', async () => {
    const { client, server } = await pair(() => {
      throw new Error('no such block');
    });
    const error = await client.ask({ type: 'FetchBlock' }, 5_000).catch((e: unknown) => e);
    expect((error as RpcError).code).toBe('REMOTE_FAILURE');
    expect((error as RpcError).message).toBe(`master at 127.0.0.1:${server.port} failed to handle FetchBlock: no such block`);
  });

  it('delivers one-way messages in order, without replies', async () => {
    const received: Array<[number, boolean]> = [];
    let allReceived!: () => void;
    const done = new Promise<void>((resolve) => (allReceived = resolve));
    const { client } = await pair((message, expectsReply) => {
      received.push([message.seq as number, expectsReply]);
      if (received.length === 1000) allReceived();
      return 'ignored';
    });
    for (let seq = 0; seq < 1000; seq++) void client.send({ type: 'Tick', seq });
    await done;
    expect(received).toEqual(Array.from({ length: 1000 }, (_, seq) => [seq, false]));
  });

  it('queues messages that arrive before a handler is set, in order', async () => {
    const server = await h.listen({
      onConnection: (conn) => {
        h.track(conn);
        void conn.send({ type: 'Welcome', n: 1 });
        void conn.send({ type: 'Welcome', n: 2 });
      },
    });
    const client = await h.connect({ port: server.port });
    const received: number[] = [];
    await new Promise<void>((resolve) =>
      client.onMessage((message) => {
        received.push(message.n as number);
        if (received.length === 2) resolve();
      }),
    );
    expect(received).toEqual([1, 2]);
  });

  it('round-trips a 20 MB Buffer and bigints exactly', async () => {
    const { client } = await pair((message) => ({ type: 'Echo', data: message.data, big: message.big }));
    const data = Buffer.alloc(20 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4093) data[i] = i & 0xff;
    data[data.length - 1] = 0xab;
    const big = [2n ** 63n - 1n, -(2n ** 63n), 12n, 2n ** 70n];
    const reply = await client.ask<{ data: Buffer; big: bigint[] }>({ type: 'Echo', data, big }, 30_000);
    expect(reply.data.length).toBe(data.length);
    expect(Buffer.compare(reply.data, data)).toBe(0);
    expect(reply.big).toEqual(big);
  });

  it('refuses to send a message over the frame limit, and stays usable', async () => {
    const server = await h.listen({
      maxFrameBytes: 1024,
      onConnection: (conn) => {
        h.track(conn);
        conn.onMessage(() => 'pong');
      },
    });
    const client = await h.connect({ port: server.port, maxFrameBytes: 1024 });
    const error = await client.send({ type: 'Huge', data: Buffer.alloc(2048) }).catch((e: unknown) => e);
    expect((error as RpcError).code).toBe('FRAME_TOO_LARGE');
    expect((error as RpcError).message).toMatch(/^Frame of \d+ bytes to master at 127\.0\.0\.1:\d+ exceeds the maximum of 1024 bytes \(1 KiB\)$/);
    expect(await client.ask({ type: 'Ping' }, 5_000)).toBe('pong');
  });

  it('drops a peer that sends a frame over the limit, with reason error', async () => {
    let serverConn!: RpcConnection;
    const server = await h.listen({
      maxFrameBytes: 1024,
      onConnection: (conn) => {
        serverConn = h.track(conn);
        conn.onMessage(() => undefined);
      },
    });
    // The client allows itself larger frames than the server reads.
    const client = await h.connect({ port: server.port });
    const clientClosed = nextValue<CloseReason>((cb) => client.onClose(cb));
    await client.send({ type: 'Huge', data: Buffer.alloc(4096) });
    const reason = await nextValue<CloseReason>((cb) => serverConn.onClose(cb));
    expect(reason.kind).toBe('error');
    expect(reason.kind === 'error' && reason.error.message).toMatch(/^Frame of \d+ bytes from worker-1 at 127\.0\.0\.1:\d+ exceeds the maximum of 1024 bytes/);
    expect((await clientClosed).kind).not.toBe('local');
  });

  it('tells the other side when either side closes, and rejects its waiting asks', async () => {
    const { client, serverConn, server } = await pair(() => new Promise(() => {}));
    const serverSaw = nextValue<CloseReason>((cb) => serverConn.onClose(cb));
    const clientSaw = nextValue<CloseReason>((cb) => client.onClose(cb));
    const waiting = client.ask({ type: 'Hang' }, 30_000).catch((e: unknown) => e);
    await serverConn.close();
    expect(await serverSaw).toEqual({ kind: 'local' });
    expect(await clientSaw).toEqual({ kind: 'peer-closed' });
    const error = (await waiting) as RpcError;
    expect(error.code).toBe('CLOSED');
    expect(error.message).toBe(`Connection to master at 127.0.0.1:${server.port} ended (closed by the peer) before Hang was answered`);
    expect(client.isOpen).toBe(false);
    await expect(client.send({ type: 'After' })).rejects.toThrow(/Cannot send After: the connection to master at .* is closed/);
    // onClose after the fact still hears the reason.
    expect(await nextValue<CloseReason>((cb) => client.onClose(cb))).toEqual({ kind: 'peer-closed' });
  });

  it('closing the server closes its connections', async () => {
    const { client, server } = await pair();
    const clientSaw = nextValue<CloseReason>((cb) => client.onClose(cb));
    await server.close();
    expect(await clientSaw).toEqual({ kind: 'peer-closed' });
    expect(server.connections.size).toBe(0);
  });

  it('ends a connection whose peer goes silent while asks wait, with reason timeout', async () => {
    const server = await h.listen({
      onConnection: (conn) => {
        h.track(conn);
        conn.onMessage(() => new Promise(() => {}));
      },
    });
    const client = await h.connect({ port: server.port, idleTimeoutMs: 100 });
    const closed = nextValue<CloseReason>((cb) => client.onClose(cb));
    const waiting = client.ask({ type: 'Hang' }, 30_000).catch((e: unknown) => e);
    const reason = await closed;
    expect(reason.kind).toBe('timeout');
    expect(reason.kind === 'timeout' && reason.error.message).toBe(
      `No traffic from master at 127.0.0.1:${server.port} for 100 ms while 1 ask(s) awaited replies`,
    );
    expect(((await waiting) as RpcError).code).toBe('CLOSED');
  });

  it('reports the peer name and address', async () => {
    const { client, serverConn, server } = await pair();
    expect(client.remoteName).toBe('master');
    expect(client.remoteAddress).toBe(`127.0.0.1:${server.port}`);
    expect(client.localName).toBe('worker-1');
    expect(serverConn.remoteName).toBe('worker-1');
    expect(serverConn.remoteHost).toBe('127.0.0.1');
    expect(server.connections.has(serverConn)).toBe(true);
  });

  it('rejects a send of something that is not a message', async () => {
    const { client } = await pair();
    await expect(client.send({ kind: 'x' } as never)).rejects.toThrow(/messages are objects with a string "type"/);
  });
});
