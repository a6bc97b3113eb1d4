/**
 * `pnpm bench`: the engine against DuckDB on the seeded dataset (macro), a memory check, the cluster
 * figures (local-cluster, fault-free and with a killed executor), and tinybench micro-benchmarks of
 * the engine's parts; prints the tables and saves everything, environment
 * included, to bench/results/bench-<timestamp>.json. See bench/README.md.
 */
import { defaultDatasetPath, ensureEventsFile } from '@sparkbench/datasets';
import { codeWorkspaceRoot } from '../results/workspace-root.js';
import { parseBenchArgs } from './bench-args.js';
import { benchEnvironment, loadAverage } from './bench-environment.js';
import { runCluster, type ClusterResult } from './cluster.js';
import { DisagreementError, runMacro, type MacroResult } from './macro.js';
import { runMemoryCheck, type MemoryCheck } from './memory.js';
import { runMicro, type MicroReport } from './micro.js';
import { clusterTable, macroTable, memoryTable, microTable } from './report.js';
import { saveResults } from './save-results.js';

/** ~20 MB of the same generator: big enough to be past start-up costs, small enough to repeat often. */
const MICRO_ROWS = 150_000;

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

async function ensureDataset(root: string, rows: number, seed: number): Promise<{ path: string; rows: number; seed: number; bytes: number }> {
  const path = defaultDatasetPath(root, rows, seed);
  const started = performance.now();
  const r = await ensureEventsFile(path, { rows, seed });
  log(`${r.generated ? `generated in ${((performance.now() - started) / 1000).toFixed(1)} s` : 'reusing'} ${path} (${rows} rows, ${r.bytes} bytes)`);
  return { path, rows, seed, bytes: r.bytes };
}

async function main(): Promise<void> {
  // `pnpm bench -- --rows 1000` passes the `--` through; it separates nothing here.
  const args = parseBenchArgs(process.argv.slice(2).filter((a) => a !== '--'));
  const startedAt = new Date();
  const root = codeWorkspaceRoot();
  const environment = benchEnvironment(root);
  log(`node ${environment.node_version}, ${environment.cpu_model} × ${environment.cores}, load average ${environment.load_average_at_start.join(' ')}`);
  if (environment.load_average_at_start[0] > 0.5) log('the machine is busy: timings are noisy, read medians and the per-repetition ratios');

  const dataset = await ensureDataset(root, args.rows, args.seed);
  let macro: MacroResult | undefined;
  let memory: MemoryCheck | undefined;
  let micro: MicroReport | undefined;
  let cluster: ClusterResult | undefined;
  if (args.macro) {
    log(`macro: engine (local[2]) vs DuckDB (threads=2), 1 warm-up + ${args.reps} reps per job`);
    macro = await runMacro(dataset.path, args.reps, log);
    log('memory: purchases persisted MEMORY_ONLY, in a child process');
    memory = await runMemoryCheck(dataset.path);
  }
  if (args.cluster) {
    log(`cluster: ${args.clusterReps} rounds of local-cluster[3,1,1024] / local[2] / one killed executor, one application per run`);
    cluster = await runCluster(dataset.path, args.clusterReps, log);
  }
  let microDataset: Awaited<ReturnType<typeof ensureDataset>> | undefined;
  if (args.micro) {
    microDataset = await ensureDataset(root, MICRO_ROWS, args.seed);
    log('micro: tinybench');
    micro = await runMicro(microDataset.path, MICRO_ROWS);
  }
  const benchPeakRss = process.resourceUsage().maxRSS * 1024;

  const out: string[] = [];
  out.push(`dataset: ${dataset.rows} rows, seed ${dataset.seed}, ${(dataset.bytes / 1e6).toFixed(1)} MB — ${dataset.path}`);
  if (macro !== undefined && memory !== undefined) {
    out.push(`read + inferSchema (engine, once): ${macro.readMs.toFixed(0)} ms    DuckDB ${macro.duckdbVersion}`);
    out.push(macroTable(macro));
    out.push(memoryTable(memory, benchPeakRss));
  }
  if (cluster !== undefined) out.push(clusterTable(cluster));
  if (micro !== undefined) out.push(`micro input: ${micro.inputRows} rows, ${(micro.inputBytes / 1e6).toFixed(1)} MB`, microTable(micro));
  console.log(out.join('\n'));

  const path = saveResults(root, startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    args,
    environment: { ...environment, load_average_at_end: loadAverage() },
    dataset,
    macro: macro ?? null,
    memory: memory ?? null,
    benchPeakRssBytes: benchPeakRss,
    cluster: cluster ?? null,
    micro: micro === undefined ? null : { ...micro, dataset: microDataset },
  });
  console.log(`saved ${path}`);
}

main().then(
  // Explicit exit: a stray handle (a worker thread, DuckDB) must not keep a finished benchmark alive.
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof DisagreementError) console.error(`\n*** ${err.message} ***\nThe timings are meaningless until both engines give the same answer.`);
    else console.error(err);
    process.exit(1);
  },
);
