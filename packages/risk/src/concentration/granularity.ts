/**
 * Granularity adjustment of Gordy and Lütkebohmert (2013, "Granularity adjustment for regulatory
 * capital assessment", IJCB 9(3)): the add-on to the ASRF (IRB) capital for name concentration,
 * derived in a one-factor CreditRisk+ model whose gamma factor has mean 1 and variance 1/xi:
 *
 *   GA = 1/(2 K*) sum_i s_i^2 [ delta C_i (K_i + R_i) + delta (K_i + R_i)^2 V_i / E_i^2
 *                               - K_i (C_i + 2 (K_i + R_i) V_i / E_i^2) ]
 *
 * with s_i the obligor's EAD share, E_i its expected LGD, V_i = nu E_i (1 - E_i) the LGD variance,
 * C_i = (V_i + E_i^2) / E_i, R_i = E_i PD_i (expected loss rate), K_i the IRB capital rate (maturity
 * adjustment included), K* = sum s_i K_i, and delta = (a_q - 1)(xi + (1 - xi) / a_q) with a_q the
 * q-quantile of Gamma(xi, 1/xi). Published values: xi = 0.25, nu = 0.25, delta = 4.83 at 99.9%.
 * The "simplified" form drops the terms in V_i / E_i^2: 1/(2 K*) sum s_i^2 C_i (delta (K_i + R_i) - K_i).
 * GA is a rate on total EAD; `amount` = GA x total EAD.
 */
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import { irbExposure } from '../irb/capital.ts';
import { irbParameters, type IrbParameterOverrides } from '../irb/parameters.ts';
import { parseExposures } from '../input/exposure.ts';
import { inputError } from '../errors.ts';

export interface GranularityOptions {
  /** q; default 0.999. */
  confidence?: number;
  /** Precision of the gamma factor (variance 1/xi); default 0.25. */
  xi?: number;
  /** LGD variance parameter: V = nu E (1 - E); default 0.25. */
  nu?: number;
  /** Drop the terms in V_i / E_i^2 (C_i keeps V_i). */
  simplified?: boolean;
  /** IRB parameters for K_i (PD floors, maturity, ...). */
  irb?: IrbParameterOverrides;
}

export interface GranularityResult {
  /** GA as a rate on total EAD. */
  adjustment: number;
  /** GA x total EAD. */
  amount: number;
  /** K* = sum s_i K_i, the ASRF capital rate. */
  asrfCapitalRate: number;
  delta: number;
  totalEad: number;
  obligors: number;
  /** 1 / sum s_i^2. */
  effectiveNumber: number;
}

/** delta = (a_q - 1)(xi + (1 - xi) / a_q), a_q the q-quantile of Gamma(shape xi, scale 1/xi). */
export function granularityDelta(confidence = 0.999, xi = 0.25): number {
  const a = gammaQuantile(confidence, xi, xi); // stdlib takes shape and rate
  return (a - 1) * (xi + (1 - xi) / a);
}

export function granularityAdjustment(exposuresInput: unknown, options: GranularityOptions = {}): GranularityResult {
  const q = options.confidence ?? 0.999;
  const xi = options.xi ?? 0.25;
  const nu = options.nu ?? 0.25;
  if (!(q > 0 && q < 1)) inputError('confidence', `must be in (0, 1), got ${q}`);
  if (!(xi > 0)) inputError('xi', `must be positive, got ${xi}`);
  if (!(nu >= 0 && nu <= 1)) inputError('nu', `must be in [0, 1], got ${nu}`);
  const exposures = parseExposures(exposuresInput);
  const parameters = irbParameters({ ...options.irb, confidence: q });
  // Obligor aggregates: EAD, EAD x LGD, EAD x K, PD.
  const obligors = new Map<string, { ead: number; eadLgd: number; eadK: number; pd: number }>();
  let total = 0;
  for (const exposure of exposures) {
    const irb = irbExposure(exposure, parameters);
    const key = exposure.obligorId ?? exposure.id;
    const entry = obligors.get(key) ?? { ead: 0, eadLgd: 0, eadK: 0, pd: irb.pd };
    entry.ead += exposure.ead;
    entry.eadLgd += exposure.ead * irb.lgd;
    entry.eadK += exposure.ead * irb.k;
    obligors.set(key, entry);
    total += exposure.ead;
  }
  const delta = granularityDelta(q, xi);
  let kStar = 0;
  let sum = 0;
  let squares = 0;
  for (const entry of obligors.values()) {
    if (!(entry.ead > 0) || total <= 0) continue;
    const s = entry.ead / total;
    const e = entry.eadLgd / entry.ead;
    const k = entry.eadK / entry.ead;
    kStar += s * k;
    squares += s * s;
    if (!(e > 0)) continue;
    const v = nu * e * (1 - e);
    const c = (v + e * e) / e;
    const r = e * entry.pd;
    const kr = k + r;
    sum += options.simplified
      ? s * s * c * (delta * kr - k)
      : s * s * (delta * c * kr + (delta * kr * kr * v) / (e * e) - k * (c + (2 * kr * v) / (e * e)));
  }
  const adjustment = kStar > 0 ? sum / (2 * kStar) : 0;
  return {
    adjustment,
    amount: adjustment * total,
    asrfCapitalRate: kStar,
    delta,
    totalEad: total,
    obligors: obligors.size,
    effectiveNumber: squares > 0 ? 1 / squares : 0,
  };
}
