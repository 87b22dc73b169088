/**
 * Unexpected loss: the standard deviation of the portfolio loss in the multi-factor Gaussian
 * copula, exactly (to ~1e-15), in O(obligors x terms) instead of one bivariate normal per pair.
 *
 * Obligor i defaults when sqrt(R_i) Y_s(i) + sqrt(1 - R_i) e_i <= c_i = G(PD_i); two obligors'
 * latent variables have correlation r_ij = w_i w_j C_st (w = sqrt(R)). Their default covariance is
 * N2(c_i, c_j; r_ij) - p_i p_j, and by the tetrachoric (Mehler) expansion
 *   N2(a, b; r) - N(a) N(b) = sum_{k>=1} r^k / k * phi(a) h_{k-1}(a) phi(b) h_{k-1}(b)
 * with h_k the normalised Hermite polynomials. As r_ij factorises, the double sum over pairs
 * becomes sum_k (1/k) sum_{s,t} C_st^k M_sk M_tk with M_sk = sum_{i in s} v_i w_i^k phi(c_i) h_{k-1}(c_i).
 * Terms shrink like (max R)^k / k; |phi h_k| <= 0.4335 (Cramer's bound) gives a strict bound
 * on the remainder, and the series stops when that bound is below 1e-15 of the variance.
 * LGDs are independent of defaults and of each other (their variance adds on the diagonal).
 */
import { compilePortfolio, type CompiledPortfolio } from '../input/compile-portfolio.ts';
import { normalPdf, normalQuantile } from '../math/normal.ts';

/** sup |phi(x) h_k(x)| <= K / sqrt(2 pi), K = 1.0865 (Cramer's inequality). */
const HERMITE_BOUND = 1.0865 / Math.sqrt(2 * Math.PI);
const MAX_TERMS = 200_000;

export interface UnexpectedLossResult {
  expectedLoss: number;
  /** Standard deviation of the portfolio loss. */
  unexpectedLoss: number;
  variance: number;
  /** Sum of the obligors' standalone UL (no diversification). */
  standaloneTotal: number;
  /** unexpectedLoss / standaloneTotal. */
  diversificationRatio: number;
  /** Series terms used. */
  terms: number;
  /** Per obligor: standalone UL and Euler contribution Cov(L_i, L) / UL (they add up to UL). */
  obligors: { id: string; expectedLoss: number; standalone: number; contribution: number }[];
  /** Euler contributions added up by sector. */
  bySector: Record<string, number>;
}

/** Standalone UL of one exposure: EAD sqrt(PD sd_LGD^2 + LGD^2 PD (1 - PD)). */
export function standaloneUnexpectedLoss(exposure: { ead: number; pd: number; lgd: number; lgdSd?: number }): number {
  const sd = exposure.lgdSd ?? 0;
  return exposure.ead * Math.sqrt(exposure.pd * sd * sd + exposure.lgd * exposure.lgd * exposure.pd * (1 - exposure.pd));
}

export function unexpectedLoss(exposuresInput: unknown, factorModelInput: unknown): UnexpectedLossResult {
  return unexpectedLossOf(compilePortfolio(exposuresInput, factorModelInput));
}

export function unexpectedLossOf(portfolio: CompiledPortfolio): UnexpectedLossResult {
  const { obligorPd: pd, obligorR, obligorValue: v, obligorValueVariance, obligorSector: sector } = portfolio;
  const { sectors, correlation } = portfolio.factorModel;
  const n = pd.length;
  const sectorCount = sectors.length;
  const c = new Float64Array(n);
  const g = new Float64Array(n);
  const w = new Float64Array(n);
  const ownVariance = new Float64Array(n);
  let expected = 0;
  let maxR = 0;
  let bound = 0;
  let diagonal = 0;
  for (let i = 0; i < n; i++) {
    const p = pd[i]!;
    expected += p * v[i]!;
    ownVariance[i] = p * (v[i]! * v[i]! + obligorValueVariance[i]!) - p * p * v[i]! * v[i]!;
    diagonal += ownVariance[i]!;
    if (p > 0 && p < 1) {
      c[i] = normalQuantile(p);
      g[i] = normalPdf(c[i]!);
    }
    w[i] = Math.sqrt(obligorR[i]!);
    maxR = Math.max(maxR, obligorR[i]!);
    bound += v[i]! * HERMITE_BOUND;
  }
  bound *= bound;

  // Running Hermite values h_{k-1}(c_i), h_{k-2}(c_i) and powers w_i^k.
  let hPrev = new Float64Array(n); // h_{k-2}
  let hCur = new Float64Array(n).fill(1); // h_{k-1}, starting at h_0 = 1
  const wPow = new Float64Array(n).fill(1);
  const m = new Float64Array(sectorCount);
  const cPow = new Float64Array(sectorCount * sectorCount).fill(1);
  const covWithOthers = new Float64Array(n);
  const mixed = new Float64Array(sectorCount);
  let offDiagonal = 0;
  let k = 1;
  for (; k <= MAX_TERMS; k++) {
    m.fill(0);
    for (let i = 0; i < n; i++) {
      wPow[i]! *= w[i]!;
      m[sector[i]!]! += v[i]! * wPow[i]! * g[i]! * hCur[i]!;
    }
    for (let e = 0; e < cPow.length; e++) cPow[e]! *= correlation[e]!;
    let full = 0;
    for (let s = 0; s < sectorCount; s++) {
      let row = 0;
      for (let t = 0; t < sectorCount; t++) row += cPow[s * sectorCount + t]! * m[t]!;
      mixed[s] = row;
      full += m[s]! * row;
    }
    let selfPairs = 0;
    for (let i = 0; i < n; i++) {
      const own = v[i]! * wPow[i]! * g[i]! * hCur[i]!;
      selfPairs += own * own;
      covWithOthers[i]! += (own * mixed[sector[i]!]! - own * own) / k;
    }
    offDiagonal += (full - selfPairs) / k;
    const remainder = maxR >= 1 ? Infinity : (bound * maxR ** (k + 1)) / ((k + 1) * (1 - maxR));
    if (remainder <= 1e-15 * Math.max(diagonal + offDiagonal, 0) || remainder < 1e-300) break;
    // Advance h: h_k = (x h_{k-1} - sqrt(k-1) h_{k-2}) / sqrt(k).
    const next = hPrev;
    for (let i = 0; i < n; i++) next[i] = (c[i]! * hCur[i]! - Math.sqrt(k - 1) * hPrev[i]!) / Math.sqrt(k);
    hPrev = hCur;
    hCur = next;
  }
  const variance = Math.max(0, diagonal + offDiagonal);
  const ul = Math.sqrt(variance);
  const bySector: Record<string, number> = Object.fromEntries(sectors.map((s) => [s, 0]));
  let standaloneTotal = 0;
  const obligors = portfolio.obligorIds.map((id, i) => {
    const standalone = Math.sqrt(Math.max(0, ownVariance[i]!));
    standaloneTotal += standalone;
    const contribution = ul > 0 ? (ownVariance[i]! + covWithOthers[i]!) / ul : 0;
    bySector[sectors[sector[i]!]!]! += contribution;
    return { id, expectedLoss: pd[i]! * v[i]!, standalone, contribution };
  });
  return {
    expectedLoss: expected,
    unexpectedLoss: ul,
    variance,
    standaloneTotal,
    diversificationRatio: standaloneTotal > 0 ? ul / standaloneTotal : 1,
    terms: Math.min(k, MAX_TERMS),
    obligors,
    bySector,
  };
}
