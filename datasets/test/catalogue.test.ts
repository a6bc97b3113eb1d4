import { describe, expect, it } from 'vitest';
import { buildCatalogue, formatCents, PRODUCT_COUNT } from '../src/catalogue.js';
import { ZipfRanks } from '../src/zipf.js';

describe('formatCents', () => {
  it('always writes two decimals', () => {
    expect(formatCents(100)).toBe('1.00');
    expect(formatCents(3579)).toBe('35.79');
    expect(formatCents(108198)).toBe('1081.98');
    expect(formatCents(77)).toBe('0.77');
    expect(formatCents(1005)).toBe('10.05');
  });
});

describe('ZipfRanks', () => {
  it('stays in range and gives lower ranks more weight', () => {
    const zipf = new ZipfRanks(1_000);
    expect(zipf.rank(0)).toBe(0);
    expect(zipf.rank(0.999_999_999)).toBe(999);
    expect(zipf.weight(0)).toBeGreaterThan(zipf.weight(1));
    let total = 0;
    for (let r = 0; r < 1_000; r++) total += zipf.weight(r);
    expect(total).toBeCloseTo(1, 9);
  });
});

describe('buildCatalogue', () => {
  it('packs one comma-terminated fragment per product with unique product ids', () => {
    const cat = buildCatalogue(7);
    expect(cat.size).toBe(PRODUCT_COUNT);
    const fragments = Array.from({ length: cat.size }, (_, k) =>
      cat.fragments.toString('latin1', cat.offsets[k], cat.offsets[k + 1]),
    );
    expect(fragments.filter((f) => !/^\d+,\d{19},[a-z_.]*,[a-z-]*,\d+\.\d\d,$/.test(f))).toEqual([]);
    expect(Math.max(...fragments.map((f) => f.length))).toBe(cat.maxFragmentBytes);
    expect(new Set(fragments.map((f) => f.slice(0, f.indexOf(',')))).size).toBe(PRODUCT_COUNT);
  });

  it('depends only on the seed', () => {
    expect(buildCatalogue(7).fragments.equals(buildCatalogue(7).fragments)).toBe(true);
    expect(buildCatalogue(7).fragments.equals(buildCatalogue(8).fragments)).toBe(false);
  });
});
