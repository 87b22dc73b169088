/**
 * Bivariate standard normal distribution P(X <= h, Y <= k) with correlation r, by Genz's method
 * (Drezner-Wesolowsky's integral over the correlation, Gauss-Legendre with 6, 12 or 20 points by
 * |r|, and an asymptotic expansion near |r| = 1): about 1e-15 absolute accuracy. Needed for the
 * Vasicek expected shortfall and loss variance; tested against scipy in bivariate-normal.test.ts.
 */
import { gaussLegendre } from './gauss-legendre.ts';
import { normalCdf } from './normal.ts';

const TWO_PI = 2 * Math.PI;

/** P(X > h, Y > k) for standard normals with correlation r. */
function upper(h: number, k: number, r: number): number {
  const points = Math.abs(r) < 0.3 ? 6 : Math.abs(r) < 0.75 ? 12 : 20;
  const { nodes, weights } = gaussLegendre(points);
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < points; i++) {
      const sn = Math.sin((asr * (nodes[i]! + 1)) / 2);
      bvn += weights[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    return (bvn * asr) / (2 * TWO_PI) + normalCdf(-h) * normalCdf(-k);
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = (1 - r) * (1 + r);
    let a = Math.sqrt(as);
    const bs = (h - k) * (h - k);
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    const exponent = -(bs / as + hk) / 2;
    bvn = exponent > -100 ? a * Math.exp(exponent) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5) : 0;
    if (hk > -100) {
      const b = Math.sqrt(bs);
      bvn -= Math.exp(-hk / 2) * Math.sqrt(TWO_PI) * normalCdf(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a /= 2;
    for (let i = 0; i < points; i++) {
      const xs = (a * (nodes[i]! + 1)) ** 2;
      if (-(bs / xs + hk) / 2 <= -100) continue;
      const rs = Math.sqrt(1 - xs);
      bvn +=
        a * weights[i]! * (Math.exp(-bs / (2 * xs) - hk / (1 + rs)) / rs - Math.exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
    }
    bvn = -bvn / TWO_PI;
  }
  if (r > 0) return bvn + normalCdf(-Math.max(h, k));
  if (h >= k) return -bvn;
  // P(h < X < -k') written so that the difference of two N values never loses digits.
  const band = h < 0 ? normalCdf(k) - normalCdf(h) : normalCdf(-h) - normalCdf(-k);
  return band - bvn;
}

/** P(X <= h, Y <= k) for standard normals with correlation r in [-1, 1]. */
export function bivariateNormalCdf(h: number, k: number, r: number): number {
  if (h === -Infinity || k === -Infinity) return 0;
  if (h === Infinity) return normalCdf(k);
  if (k === Infinity) return normalCdf(h);
  if (r >= 1) return normalCdf(Math.min(h, k));
  if (r <= -1) return Math.max(0, normalCdf(h) - normalCdf(-k));
  const value = upper(-h, -k, r);
  return Math.min(1, Math.max(0, value));
}
