import type { SparkConf } from './conf/spark-conf.js';
import type { SchedulerBackend } from './scheduler/scheduler-backend.js';

/** What a backend needs to start: the settings and the application's temp directory. */
export interface BackendContext {
  readonly conf: SparkConf;
  readonly appId: string;
  readonly appDir: string;
}

export interface BackendFactory {
  /** Tells whether this factory serves the master URL (e.g. `local-cluster[3,1,1024]`). */
  accepts(master: string): boolean;
  create(master: string, ctx: BackendContext): SchedulerBackend;
  /** The task-failure limit this kind of master implies (local mode allows one attempt, as Spark). */
  maxTaskFailures?(master: string): number | undefined;
}

const factories: BackendFactory[] = [];

/** The cluster package registers `local-cluster[...]` and `spark://` here; core knows only `local[N]`. */
export function registerBackendFactory(factory: BackendFactory): void {
  factories.unshift(factory);
}

export function backendFactoryFor(master: string): BackendFactory | undefined {
  return factories.find((f) => f.accepts(master));
}

export class InvalidMasterError extends Error {
  override readonly name = 'InvalidMasterError';
  constructor(master: string) {
    // A standalone URL is valid but served by @sparkbench/cluster, which registers it when imported.
    const standalone = /^(local-cluster\[|spark:\/\/)/.test(master);
    super(
      standalone
        ? `Master URL '${master}' needs the standalone runtime: import '@sparkbench/cluster' once before creating the session`
        : `Could not parse Master URL: '${master}' (expected local, local[N], local[*], local-cluster[W,C,M] or spark://HOST:PORT)`,
    );
  }
}
