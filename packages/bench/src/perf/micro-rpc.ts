import { randomBytes } from 'node:crypto';
import { connect, listen } from '@sparkbench/cluster';
import { Bench } from 'tinybench';

/** Asks per iteration, so one sample is long enough to time well. */
export const RPC_ASKS = 200;

/**
 * The round trip every task launch and status update pays: an authenticated ask on loopback, in one
 * process (so it measures the framing, serialisation and event loop, not process scheduling).
 */
export async function rpcRoundTripBench(): Promise<Bench> {
  const secret = randomBytes(16).toString('hex');
  const server = await listen({ secret, name: 'bench server', onConnection: (c) => c.onMessage((m) => ({ type: 'Pong', echo: m.type })) });
  const conn = await connect({ port: server.port, secret, name: 'bench client' });
  try {
    const bench = new Bench({ name: 'rpc', iterations: 20, time: 0, warmupIterations: 3, warmupTime: 0, throws: true });
    bench.add(`rpc: ${RPC_ASKS} asks on loopback`, async () => {
      for (let i = 0; i < RPC_ASKS; i++) await conn.ask({ type: 'Ping', seq: i }, 5000);
    });
    await bench.run();
    return bench;
  } finally {
    await conn.close();
    await server.close();
  }
}
