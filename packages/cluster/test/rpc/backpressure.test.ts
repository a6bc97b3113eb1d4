import { afterEach, describe, expect, it } from 'vitest';
import type { RpcConnection } from '../../src/rpc/rpc-connection.js';
import { Harness } from './harness.js';

const h = new Harness();
afterEach(() => h.closeAll());

/** Resolves once `count()` has not changed over `polls` consecutive checks `everyMs` apart. */
async function settled(count: () => number, polls = 5, everyMs = 50): Promise<void> {
  let last = -1;
  let still = 0;
  while (still < polls) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const now = count();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

describe('backpressure', () => {
  it('holds a sender awaiting its sends while the reader is not reading, then delivers everything', async () => {
    const MESSAGES = 64;
    const SIZE = 1024 * 1024;
    const received: number[] = [];
    const intact: boolean[] = [];
    let receiver!: RpcConnection;
    const server = await h.listen({
      onConnection: (conn) => {
        receiver = h.track(conn);
        // A reader that does not read: the 64 MB sent below cannot all fit in the kernel's buffers.
        conn.pause();
        conn.onMessage((message) => {
          const data = message.data as Buffer;
          intact.push(data.length === SIZE && data[0] === message.seq && data[SIZE - 1] === message.seq);
          received.push(message.seq as number);
        });
      },
    });
    const sender = await h.connect({ port: server.port });

    let sent = 0;
    let maxQueued = 0;
    const producer = (async () => {
      for (let seq = 0; seq < MESSAGES; seq++) {
        const sending = sender.send({ type: 'Block', seq, data: Buffer.alloc(SIZE, seq) });
        maxQueued = Math.max(maxQueued, sender.queuedBytes);
        await sending;
        sent++;
      }
    })();

    await settled(() => sent);
    // The producer is stuck on an unresolved send; nothing reached the handler.
    expect(sent).toBeLessThan(MESSAGES);
    expect(received).toEqual([]);
    // What an awaited send leaves queued in this process stays around one frame, not all 64 MB.
    expect(maxQueued).toBeLessThanOrEqual(SIZE + 1024);

    receiver.resume();
    await producer;
    expect(sent).toBe(MESSAGES);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(MESSAGES);
    expect(received).toEqual(Array.from({ length: MESSAGES }, (_, seq) => seq));
    expect(intact.every(Boolean)).toBe(true);
  }, 30_000);
});
