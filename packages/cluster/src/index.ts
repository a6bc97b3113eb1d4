/**
 * @sparkbench/cluster — the standalone runtime: master, workers and executors as separate processes over
 * authenticated TCP. Importing it registers the `local-cluster[W,C,M]` and `spark://HOST:PORT` masters.
 */
import { registerBackendFactory } from '@sparkbench/core';
import { parseLocalCluster } from './deploy/local-cluster.js';
import { parseSparkUrl, StandaloneBackend } from './scheduler/standalone-backend.js';

registerBackendFactory({
  accepts: (master) => parseLocalCluster(master) !== null || parseSparkUrl(master) !== null,
  create: (master, ctx) => new StandaloneBackend(master, ctx),
});

export { StandaloneBackend, parseSparkUrl, type ExecutorProcess } from './scheduler/standalone-backend.js';
export { LocalCluster, ClusterStartError, parseLocalCluster, type ClusterShape } from './deploy/local-cluster.js';
export { registerProcess, stopProcess, liveProcesses } from './deploy/process-registry.js';
export { startCluster, stopCluster, clusterStatus, readClusterRecord, type ClusterRecord } from './deploy/cluster-daemons.js';
export type { MasterState } from './deploy/messages.js';
export { parseFaultSpec, formatFaultSpec, FaultSpecError, type FaultSpec, type FaultAction, type FaultTrigger } from './faults/fault-spec.js';
export { FaultInjector, type FaultHooks } from './faults/fault-injector.js';
export { attachFaultInjector, FaultsNeedClusterError } from './faults/attach-fault-injector.js';
export { listen, connect, RpcConnection, RpcError, type RpcServer, type ListenOptions, type ConnectOptions } from './rpc/index.js';
