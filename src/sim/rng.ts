/**
 * The simulator's only source of randomness: xoshiro128** (Blackman and Vigna, 2018; 128-bit
 * state, 32-bit outputs, period 2^128 - 1), seeded from a 32-bit seed through splitmix32 so that
 * nearby seeds (1, 2, 3) give unrelated streams. It uses only 32-bit integer arithmetic
 * (`Math.imul`, shifts), so the same seed yields the same numbers on every JavaScript engine.
 *
 * Each subsystem gets its own stream with `fork(label)`, derived from the root seed and the label
 * alone (TigerBeetle's VOPR does the same): adding a subsystem, or drawing more numbers in one,
 * never shifts another subsystem's numbers, which keeps old seeds' results meaningful.
 */
export class Rng {
  /** The 32-bit seed this generator was built from; `fork` derives children from it. */
  readonly seed: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(seed: number) {
    this.seed = seed >>> 0;
    let state = this.seed;
    state = (state + GOLDEN_GAMMA) | 0;
    this.s0 = mix32(state);
    state = (state + GOLDEN_GAMMA) | 0;
    this.s1 = mix32(state);
    state = (state + GOLDEN_GAMMA) | 0;
    this.s2 = mix32(state);
    state = (state + GOLDEN_GAMMA) | 0;
    this.s3 = mix32(state);
    // xoshiro's one forbidden state; splitmix32 makes it practically unreachable, but be sure.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator for a 32-bit seed (other numbers are reduced modulo 2^32). */
  static fromSeed(seed: number): Rng {
    return new Rng(seed);
  }

  /** The next output of xoshiro128**, an unsigned 32-bit integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 32 random bits (a multiple of 2^-32). */
  nextFloat(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }

  /**
   * An integer in [0, maxExclusive), exactly uniform: draws at or above the largest multiple of
   * `maxExclusive` below 2^32 are rejected and redrawn (at most half the draws, usually none).
   */
  int(maxExclusive: number): number {
    if (!(maxExclusive >= 1 && maxExclusive <= TWO_POW_32 && Math.floor(maxExclusive) === maxExclusive)) {
      throw new RangeError(`Rng.int: maxExclusive must be an integer in [1, 2^32], got ${maxExclusive}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
    let r = this.nextUint32();
    while (r >= limit) r = this.nextUint32();
    return r % maxExclusive;
  }

  /**
   * An exponentially distributed draw with the given mean, by inverse transform. It uses
   * 1 - nextFloat(), which lies in (0, 1], so the logarithm is finite: the largest possible
   * draw is mean * 32 * ln 2 (about 22 means), never Infinity.
   */
  exponential(mean: number): number {
    // `0 -` keeps the result +0 rather than -0 when the draw is exactly 1.
    return 0 - mean * Math.log(1 - this.nextFloat());
  }

  /**
   * A new, independent generator for a subsystem, derived from this generator's seed and `label`
   * only. It does not draw from (or otherwise change) this generator, so the order and number
   * of forks do not matter. Forks nest: `fork('a').fork('b')` differs from `fork('b').fork('a')`.
   */
  fork(label: string): Rng {
    return new Rng(mix32(this.seed ^ mix32((hashString(label) + GOLDEN_GAMMA) | 0)));
  }
}

/** 32-bit FNV-1a over the UTF-16 code units of `s`; an unsigned 32-bit integer. */
export function hashString(s: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < s.length; i++) {
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_32 = 1 / TWO_POW_32;
/** 2^32 / golden ratio: splitmix32's state increment. */
const GOLDEN_GAMMA = 0x9e3779b9 | 0;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** @internal splitmix32's output function (a 32-bit avalanche mixer); returns an int32. */
function mix32(x: number): number {
  let z = x ^ (x >>> 16);
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  return z ^ (z >>> 15);
}

/** @internal 32-bit rotate left. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
