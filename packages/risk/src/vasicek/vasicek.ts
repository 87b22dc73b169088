/**
 * Vasicek's large-portfolio loss distribution: infinitely many obligors with default probability
 * p and asset correlation rho on one Gaussian factor. The loss fraction (per unit of LGD x EAD) is
 * L = N((G(p) - sqrt(rho) Y) / sqrt(1 - rho)), so
 *   P(L <= x) = N((sqrt(1 - rho) G(x) - G(p)) / sqrt(rho)),
 *   q_alpha   = N((G(p) + sqrt(rho) G(alpha)) / sqrt(1 - rho)),
 *   ES_alpha  = N2(G(p), G(1 - alpha); sqrt(rho)) / (1 - alpha)   (L >= q_alpha iff Y <= G(1 - alpha)),
 *   Var L     = N2(G(p), G(p); rho) - p^2.
 * With lgd and ead the loss is lgd x ead x L (a fixed LGD).
 */
import { bivariateNormalCdf } from '../math/bivariate-normal.ts';
import { normalCdf, normalPdf, normalQuantile } from '../math/normal.ts';
import { inputError } from '../errors.ts';

export interface VasicekParameters {
  pd: number;
  /** Asset correlation, in (0, 1). */
  rho: number;
  /** Loss given default, default 1. */
  lgd?: number;
  /** Portfolio exposure, default 1 (figures are then loss rates). */
  ead?: number;
}

export interface VasicekDistribution {
  mean: number;
  variance: number;
  standardDeviation: number;
  /** Loss at confidence level alpha. */
  quantile(alpha: number): number;
  /** P(loss <= x). */
  cdf(x: number): number;
  /** P(loss > x). */
  tailProbability(x: number): number;
  /** Density of the loss at x. */
  density(x: number): number;
  /** E[loss | loss >= quantile(alpha)]. */
  expectedShortfall(alpha: number): number;
}

function check(name: string, value: number, low: number, high: number, open: boolean): void {
  const ok = Number.isFinite(value) && (open ? value > low && value < high : value >= low && value <= high);
  if (!ok) inputError(name, `must be in ${open ? '(' : '['}${low}, ${high}${open ? ')' : ']'}, got ${value}`, { field: name });
}

export function vasicek(parameters: VasicekParameters): VasicekDistribution {
  const { pd, rho } = parameters;
  const lgd = parameters.lgd ?? 1;
  const ead = parameters.ead ?? 1;
  check('pd', pd, 0, 1, false);
  check('rho', rho, 0, 1, true);
  check('lgd', lgd, 0, 1, false);
  if (!(ead >= 0 && Number.isFinite(ead))) inputError('ead', `must be a finite number >= 0, got ${ead}`, { field: 'ead' });
  const scale = lgd * ead;
  const c = normalQuantile(pd);
  const sr = Math.sqrt(rho);
  const s1 = Math.sqrt(1 - rho);
  const rateVariance = pd <= 0 || pd >= 1 ? 0 : bivariateNormalCdf(c, c, rho) - pd * pd;
  const checkAlpha = (alpha: number) => check('alpha', alpha, 0, 1, true);
  const rateCdf = (x: number) => {
    if (x < 0) return 0;
    if (x >= 1) return 1;
    if (pd <= 0) return 1;
    if (pd >= 1) return 0;
    return normalCdf((s1 * normalQuantile(x) - c) / sr);
  };
  return {
    mean: pd * scale,
    variance: rateVariance * scale * scale,
    standardDeviation: Math.sqrt(rateVariance) * scale,
    quantile(alpha) {
      checkAlpha(alpha);
      return normalCdf((c + sr * normalQuantile(alpha)) / s1) * scale;
    },
    cdf(x) {
      return scale > 0 ? rateCdf(x / scale) : x >= 0 ? 1 : 0;
    },
    tailProbability(x) {
      return 1 - this.cdf(x);
    },
    density(x) {
      if (scale <= 0 || pd <= 0 || pd >= 1) return 0;
      const u = x / scale;
      if (u <= 0 || u >= 1) return 0;
      const g = normalQuantile(u);
      // d/du N((s1 G(u) - c)/sr) = phi(.) s1 / (sr phi(G(u)))
      return (normalPdf((s1 * g - c) / sr) * s1) / (sr * normalPdf(g)) / scale;
    },
    expectedShortfall(alpha) {
      checkAlpha(alpha);
      if (pd <= 0) return 0;
      if (pd >= 1) return scale;
      return (bivariateNormalCdf(c, normalQuantile(1 - alpha), sr) / (1 - alpha)) * scale;
    },
  };
}
