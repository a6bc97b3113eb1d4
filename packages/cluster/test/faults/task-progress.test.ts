import { describe, expect, it } from 'vitest';
import { TaskProgress } from '../../src/faults/task-progress.js';
import { stage, task } from './scheduler-events.js';

describe('TaskProgress', () => {
  it('counts all of a job\'s stages until some turn out skipped', () => {
    const p = new TaskProgress();
    // 0 → 1 → 2, and 3 → 2: a diamond's worth of shuffles.
    p.jobStarted(0, [stage(0, 4), stage(1, 3, [0]), stage(3, 2), stage(2, 5, [1, 3])]);
    expect(p.job(0)).toEqual({ done: 0, total: 14 });
    p.stageSubmitted(stage(1, 3, [0]));
    // Stage 0 was not submitted before its child: its output exists.
    expect(p.job(0)).toEqual({ done: 0, total: 10 });
    p.stageSubmitted(stage(3, 2));
    p.stageSubmitted(stage(2, 5, [1, 3]));
    expect(p.job(0)).toEqual({ done: 0, total: 10 });
  });

  it('skips ancestors transitively', () => {
    const p = new TaskProgress();
    p.jobStarted(0, [stage(0, 4), stage(1, 3, [0]), stage(2, 2, [1])]);
    p.stageSubmitted(stage(2, 2, [1]));
    expect(p.job(0)).toEqual({ done: 0, total: 2 });
  });

  it('takes a skipped stage back when lost output makes it run after all', () => {
    const p = new TaskProgress();
    p.jobStarted(0, [stage(0, 4), stage(1, 2, [0])]);
    p.stageSubmitted(stage(1, 2, [0]));
    p.taskSucceeded(task(1, 0));
    expect(p.job(0)).toEqual({ done: 1, total: 2 });
    p.stageSubmitted(stage(0, 4, [], 1));
    expect(p.job(0)).toEqual({ done: 1, total: 6 });
  });

  it('counts a stage\'s partitions once over all attempts, and only for the jobs holding it', () => {
    const p = new TaskProgress();
    p.jobStarted(0, [stage(0, 3)]);
    p.jobStarted(1, [stage(5, 2)]);
    p.stageSubmitted(stage(0, 3));
    p.taskSucceeded(task(0, 1));
    p.taskSucceeded(task(0, 1, '1', 1));
    expect(p.stage(0)).toEqual({ done: 1, total: 3 });
    expect(p.jobsOf(0)).toEqual([0]);
    expect(p.job(1)).toEqual({ done: 0, total: 2 });
    p.jobEnded(0);
    expect(p.job(0)).toBeUndefined();
    expect(p.jobsOf(0)).toEqual([]);
    // Stage counts outlive the job, for stage triggers.
    expect(p.stage(0)).toEqual({ done: 1, total: 3 });
    expect(p.stage(9)).toBeUndefined();
  });
});
