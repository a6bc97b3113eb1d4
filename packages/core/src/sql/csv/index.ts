/**
 * The CSV data source, as plain synchronous functions over files so executors can run them in
 * worker threads and child processes. A read goes:
 *
 *   parseCsvOptions(raw) → listInputFiles(path) → planFileSplits(files, conf)
 *   schema: readHeader(first file) + per split inferSplitTypes → mergeInferredTypes → finalizeSchema
 *   rows:   per split scanSplit(split, schema, options, required, onRow, stats)
 */
export { CsvOptionError, DEFAULT_CSV_OPTIONS, PARSE_MODES, parseCsvOptions, type CsvOptions, type ParseMode } from './options.js';
export {
  CsvInputError,
  DEFAULT_MAX_PARTITION_BYTES,
  DEFAULT_OPEN_COST_IN_BYTES,
  listInputFiles,
  maxSplitBytes,
  planFileSplits,
  type FileSplit,
  type InputFile,
  type SplitConf,
} from './splits.js';
export { scanSplit, type ScanStats } from './scan.js';
export type { PushedFilter } from './record-converter.js';
export { MalformedCsvError } from './malformed-error.js';
export { compatibleType, finalizeSchema, inferSplitTypes, makeSafeHeader, mergeInferredTypes, readHeader, type InferredType } from './infer.js';
