/**
 * IRB capital for exposures: applies the parameters (PD and LGD floors, supervisory LGDs,
 * maturity floor and cap), the asset correlation and the risk-weight function, and totals RWA,
 * capital (8% of RWA) and regulatory expected loss by asset class and by segment.
 */
import type { Exposure } from '../input/exposure.ts';
import { parseExposures } from '../input/exposure.ts';
import type { IrbAssetClass } from './asset-class.ts';
import { isRetail } from './asset-class.ts';
import { assetCorrelation } from './correlation.ts';
import { irbParameters, type IrbParameterOverrides, type IrbParameters } from './parameters.ts';
import { riskWeightFunction } from './risk-weight.ts';

export interface IrbExposureResult {
  id: string;
  assetClass: IrbAssetClass;
  segment: string | undefined;
  ead: number;
  /** PD after the floor. */
  pd: number;
  /** LGD used: supervisory or own, after the floor. */
  lgd: number;
  /** Maturity used (floored and capped), undefined for retail. */
  maturity: number | undefined;
  correlation: number;
  maturitySlope: number;
  k: number;
  /** K x 12.5 x scaling factor. */
  riskWeight: number;
  rwa: number;
  /** 8% of RWA. */
  capital: number;
  /** Regulatory expected loss PD x LGD x EAD (the best estimate for defaulted exposures). */
  expectedLoss: number;
}

export interface IrbTotals {
  exposures: number;
  ead: number;
  rwa: number;
  capital: number;
  expectedLoss: number;
  /** RWA / EAD. */
  averageRiskWeight: number;
}

export interface IrbPortfolioResult {
  parameters: IrbParameters;
  exposures: IrbExposureResult[];
  total: IrbTotals;
  byAssetClass: Record<string, IrbTotals>;
  bySegment: Record<string, IrbTotals>;
}

/** IRB figures for one exposure already validated. */
export function irbExposure(exposure: Exposure, parameters: IrbParameters): IrbExposureResult {
  const assetClass = exposure.assetClass ?? 'corporate';
  const pd = exposure.pd >= 1 ? 1 : Math.max(exposure.pd, parameters.pdFloors[assetClass]);
  const lgd = Math.max(parameters.supervisoryLgd[assetClass] ?? exposure.lgd, parameters.lgdFloors[assetClass] ?? 0);
  const retail = isRetail(assetClass);
  const maturity = retail
    ? undefined
    : Math.min(parameters.maturity.cap, Math.max(parameters.maturity.floor, exposure.maturity ?? parameters.maturity.default));
  const correlation = assetCorrelation(pd, assetClass, {
    ...(exposure.annualSales !== undefined ? { annualSales: exposure.annualSales } : {}),
    largeFinancial: exposure.largeFinancial ?? false,
    largeFinancialMultiplier: parameters.largeFinancialMultiplier,
  });
  const { k, maturitySlope } = riskWeightFunction({
    assetClass,
    pd,
    lgd,
    maturity: maturity ?? 2.5,
    correlation,
    confidence: parameters.confidence,
    ...(exposure.elBestEstimate !== undefined ? { elBestEstimate: exposure.elBestEstimate } : {}),
  });
  const riskWeight = k * 12.5 * parameters.scalingFactor;
  const rwa = riskWeight * exposure.ead;
  const elRate = pd >= 1 ? (exposure.elBestEstimate ?? lgd) : pd * lgd;
  return {
    id: exposure.id,
    assetClass,
    segment: exposure.segment,
    ead: exposure.ead,
    pd,
    lgd,
    maturity,
    correlation,
    maturitySlope,
    k,
    riskWeight,
    rwa,
    capital: 0.08 * rwa,
    expectedLoss: elRate * exposure.ead,
  };
}

function emptyTotals(): IrbTotals {
  return { exposures: 0, ead: 0, rwa: 0, capital: 0, expectedLoss: 0, averageRiskWeight: 0 };
}

function add(totals: IrbTotals, result: IrbExposureResult): void {
  totals.exposures += 1;
  totals.ead += result.ead;
  totals.rwa += result.rwa;
  totals.capital += result.capital;
  totals.expectedLoss += result.expectedLoss;
}

function finish(totals: IrbTotals): IrbTotals {
  totals.averageRiskWeight = totals.ead > 0 ? totals.rwa / totals.ead : 0;
  return totals;
}

/** IRB capital of a portfolio; `exposures` is validated (see parseExposures). */
export function irbCapital(exposures: unknown, overrides: IrbParameterOverrides = {}): IrbPortfolioResult {
  const parsed = parseExposures(exposures);
  const parameters = irbParameters(overrides);
  const results = parsed.map((exposure) => irbExposure(exposure, parameters));
  const total = emptyTotals();
  const byAssetClass: Record<string, IrbTotals> = {};
  const bySegment: Record<string, IrbTotals> = {};
  for (const result of results) {
    add(total, result);
    add((byAssetClass[result.assetClass] ??= emptyTotals()), result);
    add((bySegment[result.segment ?? '(none)'] ??= emptyTotals()), result);
  }
  Object.values(byAssetClass).forEach(finish);
  Object.values(bySegment).forEach(finish);
  return { parameters, exposures: results, total: finish(total), byAssetClass, bySegment };
}
