import type { Rng } from './prng.js';

/** Bytes per session: `uuuuuuuuu,xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx\n` (user_id, user_session, end of row). */
export const SESSION_BYTES = 47;

const MIN_USER_ID = 512_000_000;
const MAX_USER_ID = 566_000_000;
/** Share of new sessions opened by a user seen recently, so users own several sessions. */
const RETURNING_USER_SHARE = 0.25;
const RECENT_USERS = 4_096;
const MAX_SESSION_EVENTS = 40;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Sizes the pool so that a session's events sit ~11 minutes apart whatever
 * the row count (a month has 2.68M seconds; rows/4000 open sessions at a
 * time), capped to keep memory constant.
 */
export function sessionPoolSize(rows: number): number {
  return Math.min(4_096, Math.max(8, Math.round(rows / 4_000)));
}

/**
 * The sessions open at one moment. Each row picks a slot at random, which
 * interleaves sessions so that one session's events land close in time;
 * a finished session is replaced on the spot.
 */
export class SessionPool {
  /** Pre-formatted tail of a row per slot, SESSION_BYTES each. */
  readonly bytes: Buffer;
  /** Events the slot's session still has to emit. */
  readonly remaining: Int32Array;
  /** Index of the product the session last looked at, or -1. */
  readonly product: Int32Array;
  private readonly recent = new Int32Array(RECENT_USERS);
  private recentCount = 0;

  constructor(
    readonly size: number,
    private readonly rng: Rng,
  ) {
    this.bytes = Buffer.alloc(size * SESSION_BYTES);
    this.remaining = new Int32Array(size);
    this.product = new Int32Array(size);
    for (let slot = 0; slot < size; slot++) this.open(slot);
  }

  /** Counts one event of `slot`'s session and opens a new session there once it is done. */
  consume(slot: number): void {
    if (--this.remaining[slot] === 0) this.open(slot);
  }

  private open(slot: number): void {
    const rng = this.rng;
    this.remaining[slot] = this.sessionLength();
    this.product[slot] = -1;
    let user: number;
    if (this.recentCount > 0 && rng.float() < RETURNING_USER_SHARE) {
      user = this.recent[rng.below(Math.min(this.recentCount, RECENT_USERS))];
    } else {
      user = MIN_USER_ID + rng.below(MAX_USER_ID - MIN_USER_ID);
      this.recent[this.recentCount++ % RECENT_USERS] = user;
    }
    const out = this.bytes;
    const at = slot * SESSION_BYTES;
    for (let i = 8, u = user; i >= 0; i--, u = Math.floor(u / 10)) out[at + i] = 48 + (u % 10);
    out[at + 9] = 44; // ','
    writeUuidV4(out, at + 10, rng);
    out[at + 46] = 10; // '\n'
  }

  /** Mostly 1–3 events (84%), with a geometric tail up to MAX_SESSION_EVENTS. */
  private sessionLength(): number {
    const rng = this.rng;
    const u = rng.float();
    if (u < 0.45) return 1;
    if (u < 0.7) return 2;
    if (u < 0.84) return 3;
    let n = 4;
    while (n < MAX_SESSION_EVENTS && rng.float() < 0.65) n++;
    return n;
  }
}

/** xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx with y in 8..b (RFC 4122 variant). */
function writeUuidV4(out: Buffer, at: number, rng: Rng): void {
  const b = rng.nextU32();
  const c = rng.nextU32();
  writeHex(out, at, rng.nextU32(), 8);
  out[at + 8] = 45; // '-'
  writeHex(out, at + 9, b >>> 16, 4);
  out[at + 13] = 45;
  writeHex(out, at + 14, 0x4000 | (b & 0x0fff), 4);
  out[at + 18] = 45;
  writeHex(out, at + 19, 0x8000 | ((c >>> 16) & 0x3fff), 4);
  out[at + 23] = 45;
  writeHex(out, at + 24, c & 0xffff, 4);
  writeHex(out, at + 28, rng.nextU32(), 8);
}

function writeHex(out: Buffer, at: number, value: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--, value >>>= 4) out[at + i] = HEX[value & 15];
}
