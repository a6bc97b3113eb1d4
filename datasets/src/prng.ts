/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of
 * state, passes PractRand, and uses only 32-bit integer ops, which V8 keeps
 * unboxed in the hot loop.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` separates independent sequences drawn from one user seed. */
  constructor(seed: number, stream: number) {
    let s = splitmix32(((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
    // Fold in the high bits so seeds above 2^32 still differ.
    s = splitmix32((s ^ Math.floor(seed / 0x1_0000_0000)) >>> 0);
    this.a = s;
    this.b = splitmix32(this.a);
    this.c = splitmix32(this.b);
    this.d = splitmix32(this.c);
    // The first outputs of a fresh sfc32 are correlated with the seed.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextU32() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n); the bias is below 2^-32 * n, irrelevant here. */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Box-Muller); only used while building the catalogue. */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
