/** The IRB asset classes this package prices, each with its own risk-weight function (CRE31). */
export const IRB_ASSET_CLASSES = [
  'corporate',
  'sme',
  'sovereign',
  'bank',
  'residential-mortgage',
  'qrre',
  'qrre-transactor',
  'other-retail',
] as const;

export type IrbAssetClass = (typeof IRB_ASSET_CLASSES)[number];

/** Retail classes have no maturity adjustment and their own correlation (CRE31.11-31.15). */
export function isRetail(assetClass: IrbAssetClass): boolean {
  return (
    assetClass === 'residential-mortgage' || assetClass === 'qrre' || assetClass === 'qrre-transactor' || assetClass === 'other-retail'
  );
}
