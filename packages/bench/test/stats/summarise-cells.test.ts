import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/results/run-record.js';
import { summariseCells } from '../../src/stats/summarise-cells.js';

let next = 0;
/** A run record with every figure neutral, overridden by `over`. */
function run(scenario: string, storage: string, fault: string, latency: number | null, over: Partial<RunRecord> = {}): RunRecord {
  const cell = `${scenario}|${storage}|${fault}`;
  const rep = next++;
  return {
    run_id: `${cell}#${rep}`, cell, scenario, storage, fault, rep,
    status: 'ok', failure_reason: '', app_id: `app-${rep}`, event_log: `/logs/app-${rep}`,
    job_latency_ms: latency, wall_ms: latency === null ? null : latency + 1000,
    input_rows: 1000, input_bytes: 10000, throughput_rows_per_s: latency ? 1000 / (latency / 1000) : null, throughput_mb_per_s: null,
    tasks_total: 10, tasks_failed: 0, tasks_rerun: 0, failure_reasons: '', stage_attempts: 1,
    fault_at_ms: null, detection_ms: null, recovery_ms: null, recovery_overhead_ms: null,
    cached_blocks_lost: 0, blocks_from_replica: 0, partitions_recomputed: 0, bytes_recomputed: 0,
    cache_mem_bytes: 0, cache_disk_bytes: 0, peak_rss_driver_bytes: null, peak_rss_executor_bytes: null,
    result_digest: 'd1', digest_matches: null,
    ...over,
  };
}

const kill = 'kill-executor@50%';

describe('summariseCells', () => {
  const records = [
    run('narrow', 'NONE', 'none', 100),
    run('narrow', 'NONE', 'none', 110),
    run('narrow', 'NONE', 'none', 90),
    run('narrow', 'NONE', kill, 150, { detection_ms: 20, recovery_ms: 40, tasks_rerun: 1 }),
    run('narrow', 'NONE', kill, 160, { detection_ms: 25, recovery_ms: 45, tasks_rerun: 2 }),
    run('narrow', 'NONE', kill, 170, { detection_ms: 30, recovery_ms: 50, tasks_rerun: 1 }),
    run('narrow', 'NONE', kill, 5000, { status: 'failed', failure_reason: 'Job aborted', result_digest: '' }),
    run('narrow', 'MEMORY_ONLY', 'none', 50),
    run('narrow', 'MEMORY_ONLY', 'none', 52),
    run('narrow', 'MEMORY_ONLY', 'none', 48),
    run('narrow', 'MEMORY_ONLY', kill, 80),
    run('narrow', 'MEMORY_ONLY', kill, 70),
    run('narrow', 'MEMORY_ONLY', kill, 75, { result_digest: 'WRONG' }),
  ];
  const { records: filled, cells } = summariseCells(records);
  const cell = (c: string) => cells.find((x) => x.cell === c)!;

  it('fills each ok run’s overhead over the median fault-free latency of its scenario and storage', () => {
    expect(filled.map((r) => r.recovery_overhead_ms)).toEqual([0, 10, -10, 50, 60, 70, null, 0, 2, -2, 30, 20, 25]);
    // Nothing else about a run changes but its digest verdict.
    expect(filled.map((r) => ({ ...r, recovery_overhead_ms: null, digest_matches: null }))).toEqual(records);
  });

  it('summarises each cell over its ok runs, in the order cells first appear', () => {
    expect(cells.map((c) => c.cell)).toEqual([
      'narrow|NONE|none', `narrow|NONE|${kill}`, 'narrow|MEMORY_ONLY|none', `narrow|MEMORY_ONLY|${kill}`,
    ]);
    const k = cell(`narrow|NONE|${kill}`);
    expect([k.runs_ok, k.runs_failed, k.scenario, k.storage, k.fault]).toEqual([3, 1, 'narrow', 'NONE', kill]);
    expect(k.job_latency_ms).toMatchObject({ n: 3, median: 160, min: 150, max: 170 });
    expect(k.detection_ms).toMatchObject({ n: 3, median: 25 });
    expect(k.recovery_ms).toMatchObject({ median: 45 });
    expect(k.recovery_overhead_ms).toMatchObject({ median: 60, min: 50, max: 70 });
    expect(k.recovery_overhead_pct).toBeCloseTo(60, 9);
    expect(k.tasks_rerun).toMatchObject({ median: 1, max: 2 });
    expect(cell('narrow|NONE|none').detection_ms).toBeNull();
    expect(cell(`narrow|MEMORY_ONLY|${kill}`).recovery_overhead_pct).toBeCloseTo((25 / 50) * 100, 9);
  });

  it('checks every ok run’s digest against the scenario’s fault-free digest', () => {
    expect(cell(`narrow|NONE|${kill}`).digests_match).toBe(true);
    expect(cell(`narrow|MEMORY_ONLY|${kill}`).digests_match).toBe(false);
    expect(filled.map((r) => r.digest_matches)).toEqual([true, true, true, true, true, true, null, true, true, true, true, true, false]);
  });

  it('refuses to match anything when the fault-free runs disagree among themselves', () => {
    const { cells: c } = summariseCells([
      run('wide', 'NONE', 'none', 100, { result_digest: 'a' }),
      run('wide', 'NONE', 'none', 100, { result_digest: 'b' }),
      run('wide', 'NONE', kill, 120, { result_digest: 'a' }),
    ]);
    expect(c.map((x) => x.digests_match)).toEqual([false, false]);
  });

  it('has no verdict and no overhead without a fault-free run to compare with', () => {
    const { records: r, cells: c } = summariseCells([run('wide', 'NONE', kill, 120), run('wide', 'NONE', kill, 130), run('wide', 'NONE', kill, 125)]);
    expect(r.map((x) => [x.recovery_overhead_ms, x.digest_matches])).toEqual([[null, null], [null, null], [null, null]]);
    expect([c[0].digests_match, c[0].recovery_overhead_ms, c[0].recovery_overhead_pct]).toEqual([null, null, null]);
  });

  it('is inconclusive with fewer than 3 ok runs, or a CI wider than 25% of the median', () => {
    expect(cells.every((c) => !c.inconclusive)).toBe(true);
    const few = summariseCells([run('w', 'NONE', 'none', 100), run('w', 'NONE', 'none', 101)]).cells[0];
    expect(few.inconclusive).toBe(true);
    const spread = summariseCells([100, 300, 120, 280, 110, 290].map((l) => run('w', 'NONE', 'none', l))).cells[0];
    expect(spread.job_latency_ms!.ci_high - spread.job_latency_ms!.ci_low).toBeGreaterThan(0.25 * spread.job_latency_ms!.median);
    expect(spread.inconclusive).toBe(true);
    // The thresholds are options.
    expect(summariseCells([100, 300, 120, 280, 110, 290].map((l) => run('w', 'NONE', 'none', l)), { maxCiWidthShare: 2 }).cells[0].inconclusive).toBe(false);
    expect(summariseCells([run('w', 'NONE', 'none', 100), run('w', 'NONE', 'none', 101)], { minRuns: 2 }).cells[0].inconclusive).toBe(false);
  });

  it('is the same summary every time', () => {
    expect(summariseCells(records)).toEqual(summariseCells(records));
  });
});
