import { Executor, readShuffleSlice, SparkConf, StorageLevel, storageMemoryBytes, type MapStatus, type TaskDescription } from '@sparkbench/core';
import { listen, type RpcConnection, type RpcServer } from '../rpc/index.js';
import type { ExecutorAddresses, FetchBlock, FetchShuffleBlock, LaunchTask, RegisterExecutor, RemoveRdd, UploadBlock } from '../deploy/messages.js';
import { PeerConnections } from '../storage/peer-connections.js';

export interface ExecutorBackendOptions {
  readonly appId: string;
  readonly executorId: string;
  readonly host: string;
  readonly cores: number;
  readonly memoryMb: number;
  readonly dir: string;
  readonly secret: string;
  readonly conf: Readonly<Record<string, string>>;
}

/**
 * Spark's CoarseGrainedExecutorBackend: the executor process. It registers with the driver, runs the
 * tasks it is sent on its core Executor (task threads keep this thread free for heartbeats and block
 * requests), serves its blocks and shuffle files to other executors, and replicates `_2` blocks.
 */
export class ExecutorBackend {
  private executor!: Executor;
  private server!: RpcServer;
  private readonly peers: PeerConnections;
  private heartbeat: NodeJS.Timeout | undefined;
  /** An ExecutorAddresses broadcast has been applied; the register reply's list is then not newer. */
  private addressesReceived = false;
  private readonly conf: SparkConf;
  /** spark.network.timeout, read as the driver reads it (a bare number is seconds): budget for every peer ask. */
  private readonly networkTimeoutMs: number;

  constructor(
    private readonly options: ExecutorBackendOptions,
    private readonly driver: RpcConnection,
  ) {
    this.conf = new SparkConf(options.conf);
    this.networkTimeoutMs = this.conf.getTimeMs('spark.network.timeout', '120s', 's');
    this.peers = new PeerConnections(options.secret, `executor ${options.executorId}`, this.networkTimeoutMs);
  }

  async start(): Promise<void> {
    const o = this.options;
    const heap = o.memoryMb * 1024 * 1024;
    this.executor = new Executor({
      executorId: o.executorId,
      host: o.host,
      cores: o.cores,
      memoryBytes: this.conf.has('spark.storage.memoryBytes')
        ? this.conf.getDouble('spark.storage.memoryBytes', 0)
        : storageMemoryBytes(heap, this.conf.getDouble('spark.memory.fraction', 0.6)),
      dir: o.dir,
      threads: true,
      remote: {
        fetchBlock: async (executorId, blockId) => {
          const conn = await this.peers.get(executorId);
          const bytes = await conn.ask<Uint8Array | null>({ type: 'FetchBlock', blockId } satisfies FetchBlock, this.networkTimeoutMs);
          return bytes ?? undefined;
        },
        fetchShuffle: async (status: MapStatus, reduceId: number) => {
          const conn = await this.peers.get(status.executorId);
          return conn.ask<Uint8Array>({ type: 'FetchShuffleBlock', shuffleId: status.shuffleId, mapId: status.mapId, reduceId } satisfies FetchShuffleBlock, this.networkTimeoutMs);
        },
      },
      onBlockUpdate: (block) => void this.driver.send({ type: 'UpdateBlockInfo', executorId: o.executorId, block }).catch(() => undefined),
      onWarning: (message) => {
        const [source, ...rest] = message.split(': ');
        void this.driver.send({ type: 'ExecutorLog', level: 'WARN', source, message: rest.join(': ') }).catch(() => undefined);
      },
      onReplicate: (blockId, bytes, level) => this.replicate(blockId, bytes, level),
    });
    await this.executor.start();
    this.server = await listen({
      host: o.host,
      port: 0,
      secret: o.secret,
      name: `executor ${o.executorId} block server`,
      onConnection: (conn) => conn.onMessage((msg: { type: string }) => this.serveBlock(msg)),
    });
    this.driver.onMessage((msg: { type: string }) => this.onDriverMessage(msg));
    const reg: RegisterExecutor = {
      type: 'RegisterExecutor',
      executor: { executorId: o.executorId, host: o.host, cores: o.cores, pid: process.pid, workerPid: process.ppid, maxMemory: heap },
      port: this.server.port,
      workerPid: process.ppid,
    };
    const reply = await this.driver.ask<ExecutorAddresses>(reg, 30_000);
    // The reply resolves in a microtask, after any frames that came in the same chunk have been handled;
    // a broadcast among them (a peer that registered just after us) is newer than this list, and applying
    // the reply last would forget that peer for good ("unknown executor" on every fetch from it).
    if (!this.addressesReceived) this.peers.setAddresses(reply.addresses);
    const interval = this.conf.getTimeMs('spark.executor.heartbeatInterval', '10s');
    this.heartbeat = setInterval(() => void this.driver.send({ type: 'Heartbeat', executorId: o.executorId }).catch(() => undefined), interval);
  }

  private onDriverMessage(msg: { type: string }): unknown {
    switch (msg.type) {
      case 'LaunchTask': {
        const task = (msg as LaunchTask).task as TaskDescription;
        void this.executor.run(task).then((outcome) =>
          this.driver.send({ type: 'StatusUpdate', executorId: this.options.executorId, taskId: task.taskId, outcome }).catch(() => undefined),
        );
        return undefined;
      }
      case 'ExecutorAddresses':
        this.addressesReceived = true;
        this.peers.setAddresses((msg as ExecutorAddresses).addresses);
        return undefined;
      case 'RemoveRdd':
        return this.executor.blockManager.removeRdd((msg as RemoveRdd).rddId);
      case 'StopExecutor':
        void this.stop().then(() => process.exit(0));
        return undefined;
      default:
        return undefined;
    }
  }

  private serveBlock(msg: { type: string }): unknown {
    switch (msg.type) {
      case 'FetchBlock':
        return this.executor.blockManager.getBytes((msg as FetchBlock).blockId) ?? null;
      case 'FetchShuffleBlock': {
        const m = msg as FetchShuffleBlock;
        return readShuffleSlice(this.executor.shuffleDir, m.shuffleId, m.mapId, m.reduceId);
      }
      case 'UploadBlock': {
        const m = msg as UploadBlock;
        this.executor.blockManager.putBytes(m.blockId, m.bytes, StorageLevel.fromString(m.level));
        // Acknowledge only once the driver knows of the replica (Spark reports it synchronously): the
        // driver handles this connection's messages in order, so its answer comes after the block update.
        return this.driver.ask({ type: 'BlockUpdatesFlushed' }, this.networkTimeoutMs).then(() => true);
      }
      default:
        return undefined;
    }
  }

  /**
   * Copies a block to `replication - 1` peers, as Spark's BlockManager.replicate does, before the put returns.
   * `peerLevel` is the level each peer stores (the BlockManager passes replication 1 already), so the number
   * of copies wanted comes from the level the block itself was put with.
   */
  private async replicate(blockId: string, bytes: Buffer, peerLevel: StorageLevel): Promise<void> {
    // Read before the first await: the block was stored synchronously just before this call.
    const replication = this.executor.blockManager.getStatus(blockId)?.storageLevel.replication ?? peerLevel.replication;
    const wanted = replication - 1;
    if (wanted <= 0) return;
    const base = StorageLevel.of(peerLevel.useDisk, peerLevel.useMemory, peerLevel.useOffHeap, peerLevel.deserialized, 1);
    const peers = this.peers.peers(this.options.executorId);
    // Start at a block-dependent peer so replicas spread over the executors.
    let start = 0;
    for (let i = 0; i < blockId.length; i++) start = (start * 31 + blockId.charCodeAt(i)) >>> 0;
    let copies = 0;
    for (let k = 0; k < peers.length && copies < wanted; k++) {
      const peer = peers[(start + k) % peers.length];
      try {
        const conn = await this.peers.get(peer.executorId);
        await conn.ask({ type: 'UploadBlock', blockId, bytes, level: base.name ?? base.toString() } satisfies UploadBlock, this.networkTimeoutMs);
        copies++;
      } catch {
        // Spark tries the next peer when one fails.
      }
    }
    if (copies < wanted) {
      void this.driver
        .send({ type: 'ExecutorLog', level: 'WARN', source: 'BlockManager', message: `Block ${blockId} replicated to only ${copies} peer(s) instead of ${wanted} peers` })
        .catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.peers.closeAll();
    await this.server?.close();
    await this.executor?.stop();
  }
}
