import { buildCatalogue, type Catalogue } from './catalogue.js';
import { EventClock } from './event-clock.js';
import { EVENTS_HEADER } from './events-header.js';
import { Rng } from './prng.js';
import { SESSION_BYTES, SessionPool, sessionPoolSize } from './session-pool.js';

export interface GenerateOptions {
  /** Data rows, not counting the header. */
  rows: number;
  /** Any safe integer; equal (rows, seed) give identical bytes. */
  seed: number;
}

export interface ChunkOptions {
  /** Upper bound on each yielded chunk's size; the output bytes do not depend on it. Default 1 MiB. */
  chunkBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 1 << 20;
const EVENTS_STREAM = 2;
const HEADER_LINE = Buffer.from(EVENTS_HEADER.join(',') + '\n', 'latin1');
const TIME_BYTES = 23;

const VIEW = Buffer.from(',view,', 'latin1');
const CART = Buffer.from(',cart,', 'latin1');
const PURCHASE = Buffer.from(',purchase,', 'latin1');
/** Thresholds on a uint32 draw: purchase 1.75%, cart 2.2%, view the remaining 96.05%. */
const PURCHASE_BELOW = 0.0175 * 0x1_0000_0000;
const CART_BELOW = (0.0175 + 0.022) * 0x1_0000_0000;
/** A view returns to the session's previous product this often; carts and purchases always do. */
const REVISIT_BELOW = 0.3 * 0x1_0000_0000;

/**
 * Streams the CSV (header first) as Buffers of at most `chunkBytes`. Memory
 * stays constant in `rows`: a fixed catalogue, a capped session pool and one
 * chunk at a time. Each chunk is a fresh Buffer, so consumers may keep it.
 */
export function* generateEventChunks(opts: GenerateOptions & ChunkOptions): Generator<Buffer, void, undefined> {
  const { rows, seed } = opts;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const writer = new RowWriter(rows, seed);
  const chunkBytes = Math.max(opts.chunkBytes ?? DEFAULT_CHUNK_BYTES, writer.maxRowBytes, HEADER_LINE.length);

  let out = Buffer.allocUnsafe(chunkBytes);
  let pos = HEADER_LINE.copy(out, 0);
  while (writer.row < rows) {
    pos = writer.fill(out, pos);
    if (writer.row < rows) {
      yield out.subarray(0, pos);
      out = Buffer.allocUnsafe(chunkBytes);
      pos = 0;
    }
  }
  yield out.subarray(0, pos);
}

/** The per-row hot loop; kept out of the generator so V8 optimises it as a plain method. */
class RowWriter {
  row = 0;
  readonly maxRowBytes: number;
  private readonly catalogue: Catalogue;
  private readonly rng: Rng;
  private readonly clock: EventClock;
  private readonly sessions: SessionPool;

  constructor(
    private readonly rows: number,
    seed: number,
  ) {
    this.catalogue = buildCatalogue(seed);
    this.rng = new Rng(seed, EVENTS_STREAM);
    this.clock = new EventClock(rows);
    this.sessions = new SessionPool(sessionPoolSize(rows), this.rng);
    this.maxRowBytes = TIME_BYTES + PURCHASE.length + this.catalogue.maxFragmentBytes + SESSION_BYTES;
  }

  /** Writes rows from `pos` until `out` might not hold the next one or all rows are written; returns the new end. */
  fill(out: Buffer, pos: number): number {
    const { rng, clock, sessions, rows } = this;
    const { fragments, offsets, popularity } = this.catalogue;
    const time = clock.text;
    const sessionBytes = sessions.bytes;
    const lastProduct = sessions.product;
    const poolSize = sessions.size;
    const limit = out.length - this.maxRowBytes;
    let row = this.row;

    for (; row < rows && pos <= limit; row++) {
      clock.moveTo(row);
      for (let i = 0; i < TIME_BYTES; i++) out[pos++] = time[i];

      const slot = rng.below(poolSize);
      const draw = rng.nextU32();
      const type = draw < PURCHASE_BELOW ? PURCHASE : draw < CART_BELOW ? CART : VIEW;
      for (let i = 0; i < type.length; i++) out[pos++] = type[i];

      let product = lastProduct[slot];
      if (product < 0 || (type === VIEW && rng.nextU32() >= REVISIT_BELOW)) {
        product = popularity.rank(rng.float());
        lastProduct[slot] = product;
      }
      for (let i = offsets[product], end = offsets[product + 1]; i < end; i++) out[pos++] = fragments[i];

      for (let i = slot * SESSION_BYTES, end = i + SESSION_BYTES; i < end; i++) out[pos++] = sessionBytes[i];
      sessions.consume(slot);
    }
    this.row = row;
    return pos;
  }
}
