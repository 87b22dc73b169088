/**
 * Basel asset correlations R (CRE31.5-31.15). They are also this package's default factor
 * loadings: an obligor's loading on its sector factor is sqrt(R).
 */
import type { IrbAssetClass } from './asset-class.ts';

/** Weight between the low- and high-PD correlation, (1 - e^{-k PD}) / (1 - e^{-k}). */
function pdWeight(pd: number, k: number): number {
  return -Math.expm1(-k * pd) / -Math.expm1(-k);
}

/** Corporate, sovereign and bank: 0.24 at PD 0 falling to 0.12 (CRE31.5). */
export function corporateCorrelation(pd: number): number {
  const w = pdWeight(pd, 50);
  return 0.12 * w + 0.24 * (1 - w);
}

/**
 * Firm-size adjustment for corporates with annual sales S (EUR millions) below 50:
 * - 0.04 (1 - (S - 5) / 45), with S floored at 5 (CRE31.9); none at or above 50.
 */
export function smeSizeAdjustment(annualSales: number): number {
  if (annualSales >= 50) return 0;
  const s = Math.max(5, annualSales);
  return -0.04 * (1 - (s - 5) / 45);
}

/** Other retail: 0.16 at PD 0 falling to 0.03 (CRE31.14). */
export function otherRetailCorrelation(pd: number): number {
  const w = pdWeight(pd, 35);
  return 0.03 * w + 0.16 * (1 - w);
}

export interface CorrelationOptions {
  /** EUR millions; the SME adjustment applies below 50. */
  annualSales?: number;
  /** Large or unregulated financial institution: R x 1.25 (CRE31.6). */
  largeFinancial?: boolean;
  /** The multiplier for largeFinancial; 1.25 in CRE31.6. */
  largeFinancialMultiplier?: number;
}

export function assetCorrelation(pd: number, assetClass: IrbAssetClass, options: CorrelationOptions = {}): number {
  switch (assetClass) {
    case 'residential-mortgage':
      return 0.15;
    case 'qrre':
    case 'qrre-transactor':
      return 0.04;
    case 'other-retail':
      return otherRetailCorrelation(pd);
    default: {
      let r = corporateCorrelation(pd);
      if ((assetClass === 'corporate' || assetClass === 'sme') && options.annualSales !== undefined)
        r += smeSizeAdjustment(options.annualSales);
      if (options.largeFinancial) r *= options.largeFinancialMultiplier ?? 1.25;
      return r;
    }
  }
}
