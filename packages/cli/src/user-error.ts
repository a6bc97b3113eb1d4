/** Errors that are the user's input, shown as one line without a stack trace. */
const USER_ERRORS = new Set([
  'AnalysisException',
  'SparkException',
  'UnknownStorageLevelError',
  'CsvInputError',
  'CsvOptionError',
  'MalformedCsvError',
  'InvalidMasterError',
  'ConfigError',
  'InvalidMemoryStringError',
  'UsageError',
  'FaultSpecError',
  'FaultsNeedClusterError',
  'ClusterStartError',
  'ScenarioFileError',
]);

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function isUserError(err: unknown): err is Error {
  return err instanceof Error && USER_ERRORS.has(err.name);
}

/** `sparkbench: <message>` for the user's mistakes; the stack only for our own bugs. */
export function describeError(err: unknown): string {
  if (isUserError(err)) return `sparkbench: ${err.name === 'UsageError' ? '' : `${err.name}: `}${err.message}`;
  if (err instanceof Error) return `sparkbench: internal error: ${err.stack ?? err.message}`;
  return `sparkbench: ${String(err)}`;
}
