import { formatLogLine, type LogLevel } from '@sparkbench/core';

/**
 * Where the RPC layer reports what no caller is waiting to hear about: a peer that failed to
 * authenticate, a handler that threw on a one-way message. A callback rather than a Logger instance
 * so a process can route these lines into its own log and a test can collect them.
 */
export type RpcLogger = (level: LogLevel, message: string) => void;

/** WARN and above to stderr in Spark's log4j layout, like the engine's other components. */
export const defaultRpcLogger: RpcLogger = (level, message) => {
  if (level !== 'INFO') process.stderr.write(`${formatLogLine(level, 'RpcEnv', message)}\n`);
};
