/**
 * Where to shift the factor mean for importance sampling (Glasserman and Li 2005). For a level
 * alpha the shift is the point on the sphere |z| = G(alpha) that maximises the conditional expected
 * loss m(z) = sum_i v_i N(a_i - b_i y_s(i)(z)): the most likely factor outcome producing the tail,
 * in the first-order (FORM) sense. With one factor this is exactly the alpha-quantile scenario of
 * the large-portfolio loss. Any shift gives unbiased estimates (the likelihood ratio corrects for
 * it); a good one only lowers the variance.
 */
import { normalCdf, normalPdf } from '../math/normal.ts';

export interface LossSurface {
  a: Float64Array;
  b: Float64Array;
  value: Float64Array;
  sector: Int32Array;
  mean: Float64Array;
  load: Float64Array;
  sectors: number;
  rank: number;
}

/** m(z) and its gradient in z. */
function evaluate(surface: LossSurface, z: Float64Array, gradient: Float64Array): number {
  const { a, b, value, sector, mean, load, sectors, rank } = surface;
  const y = new Float64Array(sectors);
  for (let s = 0; s < sectors; s++) {
    let sum = mean[s]!;
    for (let f = 0; f < rank; f++) sum += load[s * rank + f]! * z[f]!;
    y[s] = sum;
  }
  const dy = new Float64Array(sectors);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i]! - b[i]! * y[sector[i]!]!;
    m += value[i]! * normalCdf(t);
    dy[sector[i]!]! -= value[i]! * b[i]! * normalPdf(t);
  }
  gradient.fill(0);
  for (let s = 0; s < sectors; s++) for (let f = 0; f < rank; f++) gradient[f]! += load[s * rank + f]! * dy[s]!;
  return m;
}

function scaleTo(v: Float64Array, radius: number): boolean {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (!(norm > 0)) return false;
  for (let f = 0; f < v.length; f++) v[f] = (v[f]! / norm) * radius;
  return true;
}

/** The maximiser of m on the sphere of the given radius, by projected gradient ascent. */
export function designPoint(surface: LossSurface, radius: number): Float64Array {
  const { rank } = surface;
  const z = new Float64Array(rank);
  const gradient = new Float64Array(rank);
  if (rank === 0 || radius <= 0) return z;
  evaluate(surface, z, gradient);
  if (!scaleTo(gradient, radius)) return z;
  z.set(gradient);
  let best = evaluate(surface, z, gradient);
  let step = 1;
  const candidate = new Float64Array(rank);
  const candidateGradient = new Float64Array(rank);
  for (let iteration = 0; iteration < 100 && step > 1e-6; iteration++) {
    const direction = Float64Array.from(gradient);
    if (!scaleTo(direction, radius)) break;
    for (let f = 0; f < rank; f++) candidate[f] = (1 - step) * z[f]! + step * direction[f]!;
    if (!scaleTo(candidate, radius)) {
      step /= 2;
      continue;
    }
    const value = evaluate(surface, candidate, candidateGradient);
    let moved = 0;
    for (let f = 0; f < rank; f++) moved = Math.max(moved, Math.abs(candidate[f]! - z[f]!));
    if (value >= best) {
      best = value;
      z.set(candidate);
      gradient.set(candidateGradient);
      if (moved < 1e-7) break;
    } else {
      step /= 2;
    }
  }
  return z;
}
