/** The sparkbench command-line interface; the binary is bin.ts. */
export { parseConfPairs } from './commands/run.js';
export { describeError, isUserError, UsageError } from './user-error.js';
