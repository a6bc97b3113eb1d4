/** Spark's AnalysisException: a query that cannot be resolved (unknown column, type mismatch, missing path). */
export class AnalysisException extends Error {
  override readonly name = 'AnalysisException';
}
