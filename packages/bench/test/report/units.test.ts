import { describe, expect, it } from 'vitest';
import { formatCount, formatMs, formatMsStat, formatPct, formatRatio } from '../../src/report/units.js';
import { stat } from './fixtures.js';

describe('units', () => {
  it('formats durations in ms below a second, in s above, to about three figures', () => {
    expect(formatMs(4.25)).toBe('4.3 ms');
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(123_456)).toBe('123 s');
    expect(formatMs(250, { sign: true })).toBe('+250 ms');
    expect(formatMs(-1500, { sign: true })).toBe('-1.50 s');
    expect(formatMs(-0.01, { sign: true })).toBe('0.0 ms');
  });

  it('gives a median and its CI in the median’s unit', () => {
    expect(formatMsStat(stat(1200, 950, 1500), { ci: true })).toBe('1.20 s [0.95, 1.50]');
    expect(formatMsStat(stat(200, -100, 1100), { ci: true, sign: true })).toBe('+200 ms [-100, +1100]');
    expect(formatMsStat(stat(200, 150, 250))).toBe('200 ms');
  });

  it('formats percentages, counts and ratios', () => {
    expect(formatPct(46.4, { sign: true })).toBe('+46%');
    expect(formatPct(4.64, { sign: true })).toBe('+4.6%');
    expect(formatPct(-12)).toBe('-12%');
    expect(formatCount(4)).toBe('4');
    expect(formatCount(2.5)).toBe('2.5');
    expect(formatRatio(0.8)).toBe('0.80×');
    expect(formatRatio(12.34)).toBe('12.3×');
  });
});
