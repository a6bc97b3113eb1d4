import { describe, expect, it } from 'vitest';
import { EVENTS_HEADER } from '../src/events-header.js';
import { generateEventChunks, type ChunkOptions, type GenerateOptions } from '../src/generate.js';

function generate(opts: GenerateOptions & ChunkOptions): Buffer {
  return Buffer.concat([...generateEventChunks(opts)]);
}

interface Row {
  time: string;
  type: string;
  productId: string;
  categoryId: string;
  categoryCode: string;
  brand: string;
  price: string;
  userId: string;
  session: string;
}

function parse(csv: Buffer): { header: string; rows: Row[]; lines: string[] } {
  const lines = csv.toString('latin1').split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const header = lines.shift() ?? '';
  const fields = lines.map((line) => line.split(','));
  expect(fields.filter((f) => f.length !== 9)).toEqual([]);
  const rows = fields.map((f) => ({
    time: f[0], type: f[1], productId: f[2], categoryId: f[3], categoryCode: f[4],
    brand: f[5], price: f[6], userId: f[7], session: f[8],
  }));
  return { header, rows, lines };
}

/** Seconds since 2019-10-01 00:00:00 for `2019-10-DD HH:MM:SS UTC`. */
function secondsOf(time: string): number {
  const day = Number(time.slice(8, 10));
  return (day - 1) * 86_400 + Number(time.slice(11, 13)) * 3600 + Number(time.slice(14, 16)) * 60 + Number(time.slice(17, 19));
}

function share<T>(items: readonly T[], pred: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (pred(item)) n++;
  return n / items.length;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

const big = parse(generate({ rows: 200_000, seed: 11 })).rows;

describe('generateEventChunks', () => {
  it('gives identical bytes for the same rows and seed, different bytes for another seed', () => {
    const a = generate({ rows: 20_000, seed: 3 });
    expect(generate({ rows: 20_000, seed: 3 }).equals(a)).toBe(true);
    expect(generate({ rows: 20_000, seed: 4 }).equals(a)).toBe(false);
    expect(generate({ rows: 20_000, seed: 3 + 2 ** 32 }).equals(a)).toBe(false);
  });

  it('produces the same bytes whatever the chunk size, each chunk within it', () => {
    const whole = generate({ rows: 5_000, seed: 5 });
    const chunks = [...generateEventChunks({ rows: 5_000, seed: 5, chunkBytes: 4_096 })];
    expect(chunks.length).toBeGreaterThan(100);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4_096);
    expect(Buffer.concat(chunks).equals(whole)).toBe(true);
  });

  it('starts with the exact Kaggle header and writes the requested number of rows', () => {
    const { header, rows } = parse(generate({ rows: 1_234, seed: 1 }));
    expect(header).toBe('event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session');
    expect(header.split(',')).toEqual([...EVENTS_HEADER]);
    expect(rows).toHaveLength(1_234);
    expect(generate({ rows: 0, seed: 1 }).toString()).toBe(header + '\n');
  });

  it('rejects rows and seeds that are not safe integers', () => {
    expect(() => generate({ rows: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generate({ rows: 1.5, seed: 1 })).toThrow(RangeError);
    expect(() => generate({ rows: 10, seed: Number.NaN })).toThrow(RangeError);
  });

  it('formats every field like the real file', () => {
    const formats: Record<keyof Row, RegExp> = {
      time: /^2019-10-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d UTC$/,
      type: /^(view|cart|purchase)$/,
      productId: /^[1-9]\d{6,7}$/,
      categoryId: /^2\d{18}$/,
      categoryCode: /^([a-z_]+(\.[a-z_]+){1,2})?$/,
      brand: /^([a-z][a-z-]*)?$/,
      price: /^(0|[1-9]\d*)\.\d\d$/,
      userId: /^5[1-6]\d{7}$/,
      session: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    };
    for (const [field, format] of Object.entries(formats) as [keyof Row, RegExp][]) {
      expect(big.filter((r) => !format.test(r[field])).map((r) => r[field])).toEqual([]);
    }
  });

  it('keeps ids and prices in the real ranges', () => {
    const outOfRange = big.filter((r) => {
      const product = Number(r.productId);
      const user = Number(r.userId);
      const price = Number(r.price);
      return !(product >= 1_000_000 && product <= 60_000_000 && user >= 512_000_000 && user < 566_000_000 && price >= 0.77 && price <= 2574.07);
    });
    expect(outOfRange).toEqual([]);
  });

  it('mixes event types about 96% view, 2.2% cart, 1.75% purchase', () => {
    expect(share(big, (r) => r.type === 'view')).toBeCloseTo(0.9605, 2);
    expect(share(big, (r) => r.type === 'cart')).toBeCloseTo(0.022, 2);
    expect(share(big, (r) => r.type === 'purchase')).toBeCloseTo(0.0175, 2);
  });

  it('leaves about 30% of category codes and 15% of brands empty', () => {
    expect(Math.abs(share(big, (r) => r.categoryCode === '') - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(share(big, (r) => r.brand === '') - 0.15)).toBeLessThan(0.03);
  });

  it('holds these proportions for other seeds too', () => {
    for (const seed of [1, 2, 99]) {
      const rows = parse(generate({ rows: 50_000, seed })).rows;
      expect(Math.abs(share(rows, (r) => r.categoryCode === '') - 0.3)).toBeLessThan(0.03);
      expect(Math.abs(share(rows, (r) => r.brand === '') - 0.15)).toBeLessThan(0.03);
      expect(Math.abs(share(rows, (r) => r.type === 'view') - 0.9605)).toBeLessThan(0.005);
    }
  });

  it('fixes category, brand and price per product, and the code per category', () => {
    const byProduct = new Map<string, Set<string>>();
    const codesByCategory = new Map<string, Set<string>>();
    for (const r of big) {
      addTo(byProduct, r.productId, `${r.categoryId},${r.brand},${r.price}`);
      addTo(codesByCategory, r.categoryId, r.categoryCode);
    }
    expect([...byProduct.values()].filter((s) => s.size > 1)).toEqual([]);
    expect([...codesByCategory.values()].filter((s) => s.size > 1)).toEqual([]);
    expect(byProduct.size).toBeGreaterThan(10_000);
    expect(codesByCategory.size).toBeGreaterThan(100);
  });

  it('draws products with a Zipf-like head', () => {
    const counts = new Map<string, number>();
    for (const r of big) counts.set(r.productId, (counts.get(r.productId) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const top = sorted[0] / big.length;
    expect(top).toBeGreaterThan(0.005);
    expect(top).toBeLessThan(0.05);
    // The top 1% of products carry far more than 1% of events.
    const head = sorted.slice(0, Math.ceil(sorted.length / 100)).reduce((a, b) => a + b, 0);
    expect(head / big.length).toBeGreaterThan(0.1);
  });

  it('keeps event_time non-decreasing across the whole month', () => {
    expect(big.findIndex((r, i) => i > 0 && big[i - 1].time > r.time)).toBe(-1);
    expect(big[0].time).toBe('2019-10-01 00:00:00 UTC');
    expect(big[big.length - 1].time.startsWith('2019-10-31')).toBe(true);
  });

  it('groups events into sessions of mostly 1-3 events, each of one user, close in time', () => {
    const sessions = new Map<string, { users: Set<string>; count: number; first: number; last: number }>();
    for (const r of big) {
      const t = secondsOf(r.time);
      const s = sessions.get(r.session);
      if (s === undefined) {
        sessions.set(r.session, { users: new Set([r.userId]), count: 1, first: t, last: t });
      } else {
        s.users.add(r.userId);
        s.count++;
        s.last = t;
      }
    }
    const all = [...sessions.values()];
    expect(all.filter((s) => s.users.size > 1)).toEqual([]);
    expect(share(all, (s) => s.count <= 3)).toBeGreaterThan(0.75);
    expect(share(all, (s) => s.count === 1)).toBeGreaterThan(0.3);
    expect(all.some((s) => s.count > 10)).toBe(true);
    const spans = all.filter((s) => s.count > 1).map((s) => s.last - s.first).sort((a, b) => a - b);
    expect(spans[Math.floor(spans.length / 2)]).toBeLessThan(2 * 3600);
  });

  it('lets users own several sessions', () => {
    const sessionsByUser = new Map<string, Set<string>>();
    for (const r of big) addTo(sessionsByUser, r.userId, r.session);
    expect(share([...sessionsByUser.values()], (s) => s.size > 1)).toBeGreaterThan(0.1);
  });
});
