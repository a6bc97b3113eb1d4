/**
 * A result set on disk that cannot be read: a missing directory or file, bad CSV, a value of the wrong
 * type. The message is one line that names the file (and line and column where there is one), so the CLI
 * can show it as is.
 */
export class ResultFileError extends Error {
  override readonly name = 'ResultFileError';
}
