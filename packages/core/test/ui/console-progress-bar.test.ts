import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleProgressBar, renderStageBar } from '../../src/ui/console-progress-bar.js';
import type { StageView, TaskView } from '../../src/scheduler/scheduler-listener.js';

function stage(stageId: number, numTasks: number): StageView {
  return { stageId, attemptId: 0, name: 'count at x.ts:1', numTasks, rdds: [], parentIds: [], details: '' };
}

function task(stageId: number, index: number): TaskView {
  return { taskId: index, index, attempt: 0, stageId, stageAttemptId: 0, launchTime: 0, executorId: '0', host: 'h', locality: 'ANY', taskType: 'ResultTask' };
}

describe('the console progress bar', () => {
  afterEach(() => vi.useRealTimers());

  it('draws a stage as Spark does: [Stage 5:=====>     (31 + 4) / 44], 80 columns wide', () => {
    const bar = renderStageBar(5, 31, 4, 44, 80);
    expect(bar).toHaveLength(80);
    expect(bar.startsWith('[Stage 5:')).toBe(true);
    expect(bar.endsWith('(31 + 4) / 44]')).toBe(true);
    const inner = bar.slice('[Stage 5:'.length, bar.length - '(31 + 4) / 44]'.length);
    // 31/44 of the inner width is done: that many '=' then one '>'.
    const done = Math.floor((inner.length * 31) / 44);
    expect(inner).toBe(`${'='.repeat(done)}>${' '.repeat(inner.length - done - 1)}`);
  });

  it('shows a stage only after it has run 500 ms, counts tasks, and clears its line when the job ends', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const bar = new ConsoleProgressBar((t) => out.push(t), 80, 500, 200);
    bar.stageSubmitted(stage(3, 4));
    bar.taskStart(task(3, 0));
    bar.taskStart(task(3, 1));
    vi.advanceTimersByTime(400);
    expect(out).toEqual([]);
    bar.taskEnd(task(3, 0), { kind: 'Success' });
    vi.advanceTimersByTime(200);
    expect(out.at(-1)).toMatch(/^\r\[Stage 3:.*\(1 \+ 1\) \/ 4\]$/);
    bar.jobEnd();
    expect(out.at(-1)).toBe(`\r${' '.repeat(80)}\r`);
    bar.stop();
  });
});
