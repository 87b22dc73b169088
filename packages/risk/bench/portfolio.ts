/**
 * The synthetic benchmark portfolio: `obligors` corporate obligors in `sectors` sectors, seeded.
 * PDs log-normal around 1% (0.03% to 30%), EADs log-normal (a few large names), LGD 25-65%, Basel
 * corporate asset correlations, every pair of sectors correlated 0.6. The same portfolio is written
 * to a file for the numpy reference, so both sides simulate one model.
 */
import { ScenarioRandom } from '../src/montecarlo/rng.ts';
import { normalQuantile } from '../src/math/normal.ts';
import type { Exposure } from '../src/input/exposure.ts';
import type { FactorModelInput } from '../src/input/factor-model.ts';

export interface SyntheticPortfolio {
  exposures: Exposure[];
  factorModel: FactorModelInput;
}

export function syntheticPortfolio(obligors: number, sectors = 10, seed = 20240601, interSectorCorrelation = 0.6): SyntheticPortfolio {
  const random = new ScenarioRandom();
  random.reset(seed, 0);
  const normal = () => normalQuantile(random.uniform53());
  const sectorIds = Array.from({ length: sectors }, (_, s) => `S${String(s + 1).padStart(2, '0')}`);
  const exposures: Exposure[] = [];
  for (let i = 0; i < obligors; i++) {
    const pd = Math.min(0.3, Math.max(0.0003, Math.exp(Math.log(0.01) + 1.1 * normal())));
    const ead = Math.round(100 * Math.exp(0.9 * normal())) / 100;
    exposures.push({
      id: `O${i}`,
      sector: sectorIds[Math.floor(random.uniform() * sectors)]!,
      ead,
      pd: Number(pd.toPrecision(6)),
      lgd: Math.round(25 + 40 * random.uniform()) / 100,
      assetClass: 'corporate',
    });
  }
  return {
    exposures,
    factorModel: {
      sectors: sectorIds,
      correlation: sectorIds.map((_, s) => sectorIds.map((__, t) => (s === t ? 1 : interSectorCorrelation))),
    },
  };
}
