/** @sparkbench/bench — scenarios, runs, metrics and reports. */
export { JOB_NAMES, onlyPurchases, readEvents, sessionOrders, type JobName } from './scenarios/seed-jobs.js';
export { runNarrow, runWide, rowObjects, type JobResult } from './run/job-result.js';
export { runScenario, type RunOptions, type RunOutcome } from './run/run-scenario.js';
export { loadScenario, resolveScenarioPath, ScenarioFileError, BUILT_IN_SCENARIOS, SCENARIO_DIR, type Scenario, type ScenarioRun } from './scenarios/scenario-file.js';
export { planRuns, matrixRuns, cellOf, type PlannedRun } from './matrix/plan.js';
export { runExperiment, type ExperimentOptions, type ExperimentResult } from './matrix/experiment.js';
export { environment, type Environment } from './results/environment.js';
export { workspaceRoot } from './results/workspace-root.js';
export { RUN_COLUMNS, type RunRecord, type CellSummary, type Stat } from './results/run-record.js';
export {
  writeResults,
  readResults,
  listEventLogs,
  ResultFileError,
  renderResults,
  RESULT_FORMATS,
  compareResults,
  COMPARE_FORMATS,
  COMPARE_METRICS,
  markdownSummary,
  terminalTable,
  type ResultSet,
  type LoadedResultSet,
  type ResultEnv,
  type ResultFormat,
  type CompareFormat,
  type CompareMetric,
  type CompareOptions,
} from './report/index.js';
export { runMetrics, toRunRecord, formatFailureReasons, type RunMetrics } from './metrics/index.js';
export { summariseCells, summarise, median, bootstrapMedianCi } from './stats/index.js';
