// A small seeded generator so initial weights and shuffles are identical on every backend.
import { seededRandom } from '../util/random.ts';

/** mulberry32 (shared with the data splits), on a seed scrambled so the two streams differ. */
export function createRandom(seed: number): () => number {
  return seededRandom((seed >>> 0) ^ 0x9e3779b9);
}

/** Mixes several integers into one seed (for per-epoch and per-step streams). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return h >>> 0;
}

/** Fisher-Yates permutation of 0..n-1. */
export function permutation(n: number, random: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Uniform values in [-limit, limit). */
export function uniformArray(size: number, limit: number, random: () => number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (random() * 2 - 1) * limit;
  return out;
}
