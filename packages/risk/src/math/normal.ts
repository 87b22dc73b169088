/**
 * Standard normal distribution; everything in this package that needs N(x) or G(p) goes through
 * here. N comes from @stdlib's erfc (a few ulps everywhere, tails included). G is @stdlib's normal
 * quantile, which loses digits in the tails (relative error 2e-5 in p at 1e-12), refined by one
 * Halley step on N(x) = p, which restores full precision (below 1e-100, where it returns
 * -Infinity, from the asymptotic expansion and four steps).
 */
import erfc from '@stdlib/math-base-special-erfc';
import stdlibNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** N(x) = P(Z <= x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** One Halley step on N(x) = p, with N(x) - p computed on the small side so no digits cancel. */
function refine(x: number, p: number): number {
  const error = p < 0.5 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
  const density = normalPdf(x);
  if (!(density > 0)) return x;
  const u = error / density;
  return x - u / (1 + (x * u) / 2);
}

/** G(p), the inverse of N: -Infinity at 0, +Infinity at 1. */
export function normalQuantile(p: number): number {
  if (p <= 0) return p === 0 ? -Infinity : NaN;
  if (p >= 1) return p === 1 ? Infinity : NaN;
  let x = stdlibNormalQuantile(p, 0, 1);
  if (!Number.isFinite(x)) {
    // @stdlib gives up below about 1e-100: start from the asymptotic expansion instead.
    const tail = Math.min(p, 1 - p);
    const l = -2 * Math.log(tail);
    x = Math.sqrt(l - Math.log(l) - Math.log(2 * Math.PI)) * (p < 0.5 ? -1 : 1);
    for (let i = 0; i < 4; i++) x = refine(x, p);
    return x;
  }
  return refine(x, p);
}
