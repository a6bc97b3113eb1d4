// A driver for the orphan tests, run as its own process from the dist build:
//   node crash-driver.mjs '{"data":"...","localDir":"...","fault":"pause-executor:for=60s@10%"}'   (fault optional)
// It starts a local-cluster and counts the purchases over and over, so it is always in the middle of a
// job. Once tasks are running (and the fault has fired, when one is given) it prints one JSON line on
// stdout — {"event":"running","executors":[{executorId,pid,workerPid}]} — and waits to be killed.
const dist = (pkg) => new URL(`../../../${pkg}/dist/index.js`, import.meta.url).href;
const cluster = await import(dist('cluster'));
const { SparkSession, col } = await import(dist('core'));
const args = JSON.parse(process.argv[2]);

const spark = await SparkSession.builder()
  .appName('crash-driver')
  .master('local-cluster[3,1,1024]')
  .config('spark.local.dir', args.localDir)
  .config('spark.sql.files.maxPartitionBytes', String(64 * 1024))
  .config('spark.ui.showConsoleProgress', 'false')
  .getOrCreate();
const sc = spark.sparkContext;
const purchases = (await spark.read.option('header', 'true').option('inferSchema', 'true').csv(args.data)).filter(col('event_type').eq('purchase'));

let told = false;
const tell = () => {
  if (told) return;
  told = true;
  process.stdout.write(`${JSON.stringify({ event: 'running', executors: sc.backend.executorProcesses() })}\n`);
};
if (args.fault !== undefined) {
  const injector = cluster.attachFaultInjector(sc, [cluster.parseFaultSpec(args.fault)]);
  sc.addListener({ taskStart: () => injector.fired().length > 0 && tell() });
  // The paused executor's task never ends; the others' do, so a later task start reports the pause.
  setInterval(() => injector.fired().length > 0 && tell(), 20).unref();
} else {
  sc.addListener({ taskStart: tell });
}
for (;;) await purchases.count();
