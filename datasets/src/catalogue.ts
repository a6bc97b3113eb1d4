import { KNOWN_BRANDS, syntheticBrand } from './brands.js';
import { CATEGORY_CODES } from './category-codes.js';
import { Rng } from './prng.js';
import { ZipfRanks } from './zipf.js';

/** Fixed sizes, so memory does not grow with the row count. */
export const PRODUCT_COUNT = 50_000;
const CATEGORY_COUNT = 600;
const CODED_CATEGORY_COUNT = 420;
const BRAND_COUNT = 1_500;

/** Shares of *events* (the real file has ~32% and ~14%). */
const EMPTY_CATEGORY_CODE_SHARE = 0.3;
const EMPTY_BRAND_SHARE = 0.15;

const MIN_PRICE = 0.77;
const MAX_PRICE = 2574.07;
/** First category id of the real file; ours are drawn above it, all 19 digits. */
const CATEGORY_ID_BASE = 2053013552226107603n;

const CATALOGUE_STREAM = 1;

/** Products with their CSV columns pre-formatted, most popular first. */
export interface Catalogue {
  /** `product_id,category_id,category_code,brand,price,` per product, packed back to back (ASCII). */
  readonly fragments: Buffer;
  /** Product k's fragment is bytes [offsets[k], offsets[k + 1]). */
  readonly offsets: Int32Array;
  readonly size: number;
  readonly maxFragmentBytes: number;
  /** Popularity of products by index; events draw from it. */
  readonly popularity: ZipfRanks;
}

interface Category {
  readonly id: string;
  readonly code: string;
  readonly logPrice: number;
}

/** Depends on the seed only, so every row count of one seed sells the same products. */
export function buildCatalogue(seed: number): Catalogue {
  const rng = new Rng(seed, CATALOGUE_STREAM);
  const popularity = new ZipfRanks(PRODUCT_COUNT);
  const { coded, uncoded } = buildCategories(rng);
  const brands = buildBrands(rng);
  const codedPick = new ZipfRanks(coded.length);
  const uncodedPick = new ZipfRanks(uncoded.length);
  const brandPick = new ZipfRanks(brands.length);
  const noCode = new ShareDither(EMPTY_CATEGORY_CODE_SHARE, rng);
  const noBrand = new ShareDither(EMPTY_BRAND_SHARE, rng);
  const ids = uniqueInts(rng, PRODUCT_COUNT, 1_000_000, 60_000_000);

  const parts: string[] = new Array<string>(PRODUCT_COUNT);
  const offsets = new Int32Array(PRODUCT_COUNT + 1);
  let bytes = 0;
  let maxFragmentBytes = 0;
  for (let k = 0; k < PRODUCT_COUNT; k++) {
    const weight = popularity.weight(k);
    const category = noCode.next(weight)
      ? uncoded[uncodedPick.rank(rng.float())]
      : coded[codedPick.rank(rng.float())];
    const brand = noBrand.next(weight) ? '' : brands[brandPick.rank(rng.float())];
    const price = Math.min(MAX_PRICE, Math.max(MIN_PRICE, Math.exp(category.logPrice + 0.6 * rng.normal())));
    const part = `${ids[k]},${category.id},${category.code},${brand},${formatCents(Math.round(price * 100))},`;
    parts[k] = part;
    offsets[k] = bytes;
    bytes += part.length; // every piece is ASCII, so chars == bytes
    if (part.length > maxFragmentBytes) maxFragmentBytes = part.length;
  }
  offsets[PRODUCT_COUNT] = bytes;
  const fragments = Buffer.from(parts.join(''), 'latin1');
  return { fragments, offsets, size: PRODUCT_COUNT, maxFragmentBytes, popularity };
}

/** `1.00`, `35.79`, `1081.98`: always two decimals, never float artefacts. */
export function formatCents(cents: number): string {
  const frac = cents % 100;
  return `${Math.floor(cents / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}

function buildCategories(rng: Rng): { coded: Category[]; uncoded: Category[] } {
  const ids = new Set<bigint>();
  const nextId = (): string => {
    for (;;) {
      // ~1.8e17 above the base keeps ids in the real file's 2.05e18..2.23e18 band.
      const id = CATEGORY_ID_BASE + BigInt(rng.below(41_900_000)) * 0x1_0000_0000n + BigInt(rng.nextU32());
      if (!ids.has(id)) {
        ids.add(id);
        return id.toString();
      }
    }
  };
  const coded: Category[] = [];
  for (let i = 0; i < CODED_CATEGORY_COUNT; i++) {
    // Every code appears at least once; the rest repeat, as several real category ids share a code.
    const [code, typicalPrice] = CATEGORY_CODES[i < CATEGORY_CODES.length ? i : rng.below(CATEGORY_CODES.length)];
    coded.push({ id: nextId(), code, logPrice: Math.log(typicalPrice) + 0.3 * rng.normal() });
  }
  const uncoded: Category[] = [];
  for (let i = CODED_CATEGORY_COUNT; i < CATEGORY_COUNT; i++) {
    uncoded.push({ id: nextId(), code: '', logPrice: Math.log(3) + rng.float() * Math.log(400 / 3) });
  }
  return { coded, uncoded };
}

function buildBrands(rng: Rng): string[] {
  const brands = new Set<string>(KNOWN_BRANDS);
  while (brands.size < BRAND_COUNT) brands.add(syntheticBrand(rng));
  return [...brands];
}

function uniqueInts(rng: Rng, count: number, min: number, max: number): number[] {
  const seen = new Set<number>();
  while (seen.size < count) seen.add(min + rng.below(max - min + 1));
  return [...seen];
}

/**
 * Decides product by product whether a column is empty so that the empty
 * share of *events* lands on target: a coin flip while on track, forced
 * once the popularity-weighted share drifts, since a few Zipf-head products
 * would otherwise swing it by several percent between seeds.
 */
class ShareDither {
  private hit = 0;
  private total = 0;

  constructor(
    private readonly target: number,
    private readonly rng: Rng,
  ) {}

  next(weight: number): boolean {
    const share = this.total === 0 ? this.target : this.hit / this.total;
    const yes =
      share < this.target - 0.01 ? true : share > this.target + 0.01 ? false : this.rng.float() < this.target;
    this.total += weight;
    if (yes) this.hit += weight;
    return yes;
  }
}
