/**
 * Random numbers for the Monte Carlo, one independent stream per scenario: the stream of scenario
 * g depends only on (seed, g). So any split of the scenarios into chunks, on any number of workers,
 * in any order, reproduces the same scenarios bit for bit.
 *
 * The generator is xoshiro128** (Blackman and Vigna), 32-bit words, period 2^128 - 1. Its state
 * for scenario g is an injective function of (seed, g): each 32-bit input word goes through the
 * murmur3 finaliser (a bijection), then two Feistel-style rounds mix the words (each word is xored
 * with a function of the others, which is invertible), so distinct scenarios get distinct, well
 * mixed states, and the first outputs are discarded for good measure.
 */
const TWO_POW_32 = 4294967296;
const INV_2_32 = 1 / TWO_POW_32;
const INV_2_53 = 1 / 9007199254740992;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function mix3(x: number, y: number, z: number): number {
  return fmix32((x + Math.imul(y, 0x9e3779b9)) ^ Math.imul(z, 0x7f4a7c15) ^ 0x2545f491);
}

/** Splits a non-negative integer below 2^53 into 32-bit words. */
function words(value: number): [number, number] {
  return [value >>> 0, Math.floor(value / TWO_POW_32) >>> 0];
}

export class ScenarioRandom {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** Positions the generator at the start of scenario `index`'s stream for `seed`. */
  reset(seed: number, index: number): void {
    const [seedLo, seedHi] = words(seed);
    const [lo, hi] = words(index);
    let a = fmix32(lo ^ 0x243f6a88);
    let b = fmix32(hi ^ 0x85a308d3);
    let c = fmix32(seedLo ^ 0x13198a2e);
    let d = fmix32(seedHi ^ 0x03707344);
    for (let round = 0; round < 2; round++) {
      a ^= mix3(b, c, d);
      b ^= mix3(c, d, a);
      c ^= mix3(d, a, b);
      d ^= mix3(a, b, c);
    }
    if ((a | b | c | d) === 0) a = 1;
    this.s0 = a;
    this.s1 = b;
    this.s2 = c;
    this.s3 = d;
    for (let i = 0; i < 4; i++) this.nextUint32();
  }

  /** Sets the raw xoshiro state (tests compare with the reference implementation). */
  setState(a: number, b: number, c: number, d: number): void {
    this.s0 = a | 0;
    this.s1 = b | 0;
    this.s2 = c | 0;
    this.s3 = d | 0;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** Uniform on (0, 1) with 32-bit resolution (never 0 or 1): default and skip decisions. */
  uniform(): number {
    return (this.nextUint32() + 0.5) * INV_2_32;
  }

  /** Uniform on (0, 1) with 53-bit resolution: factor normals reach 8 standard deviations. */
  uniform53(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo + 0.5) * INV_2_53;
  }
}
