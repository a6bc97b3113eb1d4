/**
 * Spark's HeartbeatReceiver: executors beat every spark.executor.heartbeatInterval; one silent for longer
 * than spark.network.timeout is declared lost (a frozen process keeps its socket open, so only this notices).
 */
export class HeartbeatReceiver {
  private readonly last = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly timeoutMs: number,
    intervalMs: number,
    private readonly onTimeout: (executorId: string, silentMs: number) => void,
  ) {
    this.timer = setInterval(() => this.check(), Math.max(20, Math.min(intervalMs, timeoutMs) / 2));
    this.timer.unref();
  }

  beat(executorId: string): void {
    this.last.set(executorId, Date.now());
  }

  forget(executorId: string): void {
    this.last.delete(executorId);
  }

  private check(): void {
    const now = Date.now();
    for (const [id, t] of [...this.last]) {
      if (now - t > this.timeoutMs) {
        this.last.delete(id);
        this.onTimeout(id, now - t);
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
