/**
 * Exposures plus factor model -> obligor arrays that the loss models use. Exposures sharing an
 * obligorId default together, so PD and sector are obligor properties: exposures of one obligor
 * that disagree on them are an error naming both. The asset correlation R of an obligor is the one
 * its exposures state (they must agree), else the factor model's for the sector, else the Basel
 * formula for the largest exposure's asset class and PD.
 */
import { RiskInputError, type InputProblem } from '../errors.ts';
import { assetCorrelation } from '../irb/correlation.ts';
import { parseExposures, type Exposure } from './exposure.ts';
import { parseFactorModel, type FactorModel } from './factor-model.ts';

export interface CompiledPortfolio {
  exposures: Exposure[];
  factorModel: FactorModel;
  obligorIds: string[];
  obligorSector: Int32Array;
  obligorPd: Float64Array;
  /** Asset correlation R; the loading on the sector factor is sqrt(R). */
  obligorR: Float64Array;
  /** Expected loss given default of the obligor: sum of EAD x LGD over its exposures. */
  obligorValue: Float64Array;
  /** Variance of the loss given default from stochastic LGDs: sum of EAD^2 x lgdSd^2. */
  obligorValueVariance: Float64Array;
  /** Exposures of obligor i are exposureOrder[exposureStart[i] .. exposureStart[i + 1]). */
  exposureStart: Int32Array;
  exposureOrder: Int32Array;
  /** Whether any exposure has a stochastic LGD. */
  stochasticLgd: boolean;
}

interface ObligorDraft {
  id: string;
  first: number;
  members: number[];
}

export function compilePortfolio(exposuresInput: unknown, factorModelInput: unknown): CompiledPortfolio {
  const factorModel = parseFactorModel(factorModelInput);
  const exposures = parseExposures(exposuresInput);
  const sectorIndex = new Map(factorModel.sectors.map((sector, i) => [sector, i]));
  const problems: InputProblem[] = [];
  const drafts = new Map<string, ObligorDraft>();
  exposures.forEach((exposure, i) => {
    if (!sectorIndex.has(exposure.sector)) {
      problems.push({
        path: `exposures[${i}].sector`,
        entryId: exposure.id,
        field: 'sector',
        message: `${JSON.stringify(exposure.sector)} is not one of the factor model's sectors`,
      });
    }
    const key = exposure.obligorId ?? exposure.id;
    const draft = drafts.get(key);
    if (!draft) {
      drafts.set(key, { id: key, first: i, members: [i] });
      return;
    }
    const first = exposures[draft.first]!;
    const disagree = (field: 'pd' | 'sector' | 'assetCorrelation') => {
      problems.push({
        path: `exposures[${i}].${field}`,
        entryId: exposure.id,
        field,
        message: `differs from exposures[${draft.first}] of the same obligor ${JSON.stringify(key)} (${String(exposure[field])} vs ${String(first[field])}); an obligor has one ${field}`,
      });
    };
    if (exposure.pd !== first.pd) disagree('pd');
    if (exposure.sector !== first.sector) disagree('sector');
    if (
      exposure.assetCorrelation !== undefined &&
      first.assetCorrelation !== undefined &&
      exposure.assetCorrelation !== first.assetCorrelation
    ) {
      disagree('assetCorrelation');
    }
    draft.members.push(i);
  });
  if (problems.length > 0) throw new RiskInputError(problems.slice(0, 50));

  const list = [...drafts.values()];
  const n = list.length;
  const obligorSector = new Int32Array(n);
  const obligorPd = new Float64Array(n);
  const obligorR = new Float64Array(n);
  const obligorValue = new Float64Array(n);
  const obligorValueVariance = new Float64Array(n);
  const exposureStart = new Int32Array(n + 1);
  const exposureOrder = new Int32Array(exposures.length);
  let cursor = 0;
  let stochasticLgd = false;
  list.forEach((draft, i) => {
    const first = exposures[draft.first]!;
    obligorSector[i] = sectorIndex.get(first.sector)!;
    obligorPd[i] = first.pd;
    exposureStart[i] = cursor;
    let stated: number | undefined;
    let largest = first;
    for (const member of draft.members) {
      const exposure = exposures[member]!;
      exposureOrder[cursor++] = member;
      obligorValue[i]! += exposure.ead * exposure.lgd;
      const sd = exposure.lgdSd ?? 0;
      if (sd > 0) stochasticLgd = true;
      obligorValueVariance[i]! += exposure.ead * exposure.ead * sd * sd;
      stated ??= exposure.assetCorrelation;
      if (exposure.ead > largest.ead) largest = exposure;
    }
    obligorR[i] =
      stated ??
      factorModel.sectorAssetCorrelation[first.sector] ??
      assetCorrelation(first.pd, largest.assetClass ?? 'corporate', {
        ...(largest.annualSales !== undefined ? { annualSales: largest.annualSales } : {}),
        largeFinancial: largest.largeFinancial ?? false,
      });
  });
  exposureStart[n] = cursor;
  return {
    exposures,
    factorModel,
    obligorIds: list.map((draft) => draft.id),
    obligorSector,
    obligorPd,
    obligorR,
    obligorValue,
    obligorValueVariance,
    exposureStart,
    exposureOrder,
    stochasticLgd,
  };
}
