import { connect, type RpcConnection } from '../rpc/index.js';
import type { ExecutorAddress } from '../deploy/messages.js';

/**
 * Connections to other executors' block servers, one per peer, opened on first use. A peer that cannot
 * be reached fails fast (connection refused), which is how a lost executor shows up to a reader.
 */
export class PeerConnections {
  private readonly addresses = new Map<string, ExecutorAddress>();
  private readonly open = new Map<string, Promise<RpcConnection>>();

  constructor(
    private readonly secret: string,
    private readonly name: string,
    private readonly timeoutMs: number,
  ) {}

  setAddresses(addresses: readonly ExecutorAddress[]): void {
    for (const a of addresses) this.addresses.set(a.executorId, a);
    for (const id of [...this.addresses.keys()]) {
      if (!addresses.some((a) => a.executorId === id)) this.forget(id);
    }
  }

  address(executorId: string): ExecutorAddress | undefined {
    return this.addresses.get(executorId);
  }

  peers(self: string): ExecutorAddress[] {
    return [...this.addresses.values()].filter((a) => a.executorId !== self);
  }

  get(executorId: string): Promise<RpcConnection> {
    let conn = this.open.get(executorId);
    if (conn === undefined) {
      const addr = this.addresses.get(executorId);
      if (addr === undefined) return Promise.reject(new Error(`unknown executor ${executorId}`));
      conn = connect({ host: addr.host, port: addr.port, secret: this.secret, name: this.name, timeoutMs: this.timeoutMs });
      this.open.set(executorId, conn);
      conn.then(
        (c) => c.onClose(() => this.open.delete(executorId)),
        () => this.open.delete(executorId),
      );
    }
    return conn;
  }

  forget(executorId: string): void {
    this.addresses.delete(executorId);
    const conn = this.open.get(executorId);
    this.open.delete(executorId);
    void conn?.then((c) => c.close()).catch(() => undefined);
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) {
      const conn = this.open.get(id);
      this.open.delete(id);
      void conn?.then((c) => c.close()).catch(() => undefined);
    }
  }
}
