/** Small portfolios the Monte Carlo tests share. */
import type { Exposure } from '../../src/input/exposure.ts';
import { uniformFactorModel } from '../../src/input/factor-model.ts';

/** n identical obligors, EAD 1 and LGD 1: the loss is the number of defaults. */
export function homogeneous(
  n: number,
  pd: number,
  rho: number,
): { exposures: Exposure[]; factorModel: ReturnType<typeof uniformFactorModel> } {
  return {
    exposures: Array.from({ length: n }, (_, i) => ({ id: `o${i}`, sector: 'all', ead: 1, pd, lgd: 1, assetCorrelation: rho })),
    factorModel: uniformFactorModel(['all'], 0),
  };
}

/** A mixed portfolio: three sectors, PDs 0.1%-25%, uneven EADs, Basel correlations. */
export function mixed(n: number, seed = 1): { exposures: Exposure[]; factorModel: ReturnType<typeof uniformFactorModel> } {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const sectors = ['a', 'b', 'c'];
  return {
    exposures: Array.from({ length: n }, (_, i) => ({
      id: `m${i}`,
      sector: sectors[i % 3]!,
      ead: Math.round(10 + 200 * next() ** 3),
      pd: 0.001 + 0.1 * next() ** 2,
      lgd: 0.2 + 0.5 * next(),
    })),
    factorModel: uniformFactorModel(sectors, 0.5),
  };
}
