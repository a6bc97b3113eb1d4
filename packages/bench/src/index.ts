/** @sparkbench/bench — scenarios, runs, metrics and reports. */
export { JOB_NAMES, onlyPurchases, readEvents, sessionOrders, type JobName } from './scenarios/seedJobs.js';
export { runNarrow, runWide, rowObjects, type JobResult } from './run/jobResult.js';
export { runScenario, type RunOptions, type RunOutcome } from './run/runScenario.js';
