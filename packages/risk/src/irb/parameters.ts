/**
 * IRB parameters, defaulting to the Basel III framework as published by the BCBS (CRE31, CRE32,
 * December 2017 revisions in force from 2023): PD floors of 0.05% (0.10% for QRRE revolvers, none
 * for sovereigns), no 1.06 scaling factor, effective maturity 2.5 years by default, floored at 1 and
 * capped at 5. Every figure can be overridden, for example a CRR bank sets scalingFactor 1.06 and
 * the Basel II PD floor of 0.03%.
 */
import type { IrbAssetClass } from './asset-class.ts';

export interface IrbParameters {
  /** Confidence level of the risk-weight function: 0.999. */
  confidence: number;
  /** PD floor per asset class, applied before everything else (PD = 1 is never floored). */
  pdFloors: Record<IrbAssetClass, number>;
  /** LGD floor per asset class (A-IRB); absent classes are not floored. */
  lgdFloors: Partial<Record<IrbAssetClass, number>>;
  /** Supervisory LGD per class (F-IRB): replaces the exposure's own LGD where given. */
  supervisoryLgd: Partial<Record<IrbAssetClass, number>>;
  /** RWA = K x 12.5 x scalingFactor x EAD: 1 in Basel III, 1.06 in Basel II and the CRR. */
  scalingFactor: number;
  /** Maturity used where an exposure has none, and the floor and cap applied to all. */
  maturity: { default: number; floor: number; cap: number };
  /** Asset correlation multiplier for large financial institutions (CRE31.6). */
  largeFinancialMultiplier: number;
}

export const BASEL_III_PD_FLOORS: Record<IrbAssetClass, number> = {
  corporate: 0.0005,
  sme: 0.0005,
  sovereign: 0,
  bank: 0.0005,
  'residential-mortgage': 0.0005,
  qrre: 0.001,
  'qrre-transactor': 0.0005,
  'other-retail': 0.0005,
};

/** Basel III A-IRB LGD floors for unsecured exposures (secured floors depend on the collateral). */
export const BASEL_III_UNSECURED_LGD_FLOORS: Partial<Record<IrbAssetClass, number>> = {
  corporate: 0.25,
  sme: 0.25,
  'residential-mortgage': 0.05,
  qrre: 0.5,
  'qrre-transactor': 0.5,
  'other-retail': 0.3,
};

/** Basel III F-IRB supervisory LGDs for senior unsecured claims (45% on financial institutions). */
export const BASEL_III_FOUNDATION_LGD: Partial<Record<IrbAssetClass, number>> = {
  corporate: 0.4,
  sme: 0.4,
  sovereign: 0.45,
  bank: 0.45,
};

export const BASEL_III_IRB: IrbParameters = {
  confidence: 0.999,
  pdFloors: BASEL_III_PD_FLOORS,
  lgdFloors: {},
  supervisoryLgd: {},
  scalingFactor: 1,
  maturity: { default: 2.5, floor: 1, cap: 5 },
  largeFinancialMultiplier: 1.25,
};

export type IrbParameterOverrides = Partial<Omit<IrbParameters, 'pdFloors' | 'maturity'>> & {
  pdFloors?: Partial<Record<IrbAssetClass, number>>;
  maturity?: Partial<IrbParameters['maturity']>;
};

export function irbParameters(overrides: IrbParameterOverrides = {}): IrbParameters {
  return {
    ...BASEL_III_IRB,
    ...overrides,
    pdFloors: { ...BASEL_III_IRB.pdFloors, ...overrides.pdFloors },
    maturity: { ...BASEL_III_IRB.maturity, ...overrides.maturity },
  };
}
