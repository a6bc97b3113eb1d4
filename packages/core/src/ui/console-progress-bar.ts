import type { SchedulerListener, StageView, TaskEndReasonView, TaskView } from '../scheduler/scheduler-listener.js';

interface StageProgress {
  readonly stageId: number;
  readonly total: number;
  readonly submitted: number;
  completed: number;
  active: number;
}

/** One stage's bar as Spark draws it: `[Stage 5:=====>          (31 + 4) / 44]`. */
export function renderStageBar(stageId: number, completed: number, active: number, total: number, width: number): string {
  const header = `[Stage ${stageId}:`;
  const tailer = `(${completed} + ${active}) / ${total}]`;
  const w = width - header.length - tailer.length;
  let bar = '';
  if (w > 0) {
    const percent = Math.floor((w * completed) / Math.max(1, total));
    for (let i = 0; i < w; i++) bar += i < percent ? '=' : i === percent ? '>' : ' ';
  }
  return header + bar + tailer;
}

/**
 * Spark's ConsoleProgressBar: on a terminal, redraws one line every 200 ms for the stages that have run
 * longer than 500 ms, and clears it when the job ends.
 */
export class ConsoleProgressBar implements SchedulerListener {
  private readonly stages = new Map<number, StageProgress>();
  private readonly timer: NodeJS.Timeout;
  private lastLine = '';

  constructor(
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
    // A terminal that reports no width (0) gets Spark's default of 80 columns.
    private readonly width = Math.min(process.stderr.columns || 80, 80),
    private readonly firstDelayMs = 500,
    updateMs = 200,
  ) {
    this.timer = setInterval(() => this.refresh(), updateMs);
    this.timer.unref();
  }

  stageSubmitted(stage: StageView): void {
    this.stages.set(stage.stageId, { stageId: stage.stageId, total: stage.numTasks, submitted: Date.now(), completed: 0, active: 0 });
  }

  stageCompleted(stage: StageView): void {
    this.stages.delete(stage.stageId);
  }

  taskStart(task: TaskView): void {
    const s = this.stages.get(task.stageId);
    if (s !== undefined) s.active++;
  }

  taskEnd(task: TaskView, reason: TaskEndReasonView): void {
    const s = this.stages.get(task.stageId);
    if (s === undefined || reason.kind === 'Resubmitted') return;
    s.active = Math.max(0, s.active - 1);
    if (reason.kind === 'Success') s.completed++;
  }

  jobEnd(): void {
    this.clear();
  }

  private refresh(): void {
    const now = Date.now();
    const shown = [...this.stages.values()].filter((s) => now - s.submitted >= this.firstDelayMs).slice(0, 3);
    if (shown.length === 0) return;
    const each = Math.floor(this.width / shown.length);
    const line = shown.map((s) => renderStageBar(s.stageId, s.completed, s.active, s.total, each)).join('');
    if (line !== this.lastLine) {
      this.write(`\r${line}`);
      this.lastLine = line;
    }
  }

  /** Clears the bar's line, e.g. before a log line is written; the next refresh draws it again. */
  clear(): void {
    if (this.lastLine === '') return;
    this.write(`\r${' '.repeat(this.width)}\r`);
    this.lastLine = '';
  }

  stop(): void {
    clearInterval(this.timer);
    this.clear();
  }
}
