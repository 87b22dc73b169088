// Turns a finished run into the stored view (RiskResultView): the simulations' figures with their
// standard errors and contributions (named obligors, top 20), and the closed-form figures next to
// them: EL by sector and segment, IRB capital and RWA by segment, concentration and granularity
// adjustment, IFRS 9 stages and ECL, limit breaches, and base versus stressed.
import type {
  GroupFigures,
  Ifrs9View,
  IrbSegmentView,
  LimitBreachView,
  RiskInputExposure,
  RiskLimit,
  RiskResultView,
  SimulationInputs,
  SimulationView,
  StressComparisonView,
  StressSideView,
} from '@probity/db';
import { planExposures, SINGLE_NAME_DEFAULT_KEY } from '@probity/db';
import {
  allocateStages,
  concentration,
  expectedCreditLoss,
  granularityAdjustment,
  irbCapital,
  limitBreaches,
  topContributors,
  type ExposureLimits,
  type IrbTotals,
  type SimulationResult,
  type StressedInputs,
} from '@probity/risk';

export const TOP_OBLIGORS = 20;
/** Effective interest rate for ECL discounting: exposures carry no contractual rate yet. */
export const ECL_DISCOUNT_RATE = 0.05;

export function simulationView(result: SimulationResult, names: Map<string, { name: string; sector: string }>): SimulationView {
  const el = result.expectedLoss.value;
  return {
    fingerprint: result.fingerprint,
    scenarios: result.scenarios,
    chunks: result.chunks,
    converged: result.converged,
    effectiveSampleSize: result.effectiveSampleSize,
    expectedLoss: { value: el, standardError: result.expectedLoss.standardError },
    expectedLossClosedForm: result.expectedLossClosedForm,
    unexpectedLoss: { value: result.unexpectedLoss.value, standardError: result.unexpectedLoss.standardError },
    levels: result.levels.map((level) => {
      const es = level.expectedShortfall.value;
      return {
        level: level.level,
        valueAtRisk: { value: level.valueAtRisk.value, standardError: level.valueAtRisk.standardError },
        expectedShortfall: { value: es, standardError: level.expectedShortfall.standardError },
        economicCapital: es - el,
        contributionsBySector: Object.entries(level.contributionsBySector)
          .map(([sector, contribution]) => ({ sector, contribution, share: es > 0 ? contribution / es : 0 }))
          .sort((x, y) => y.contribution - x.contribution),
        topObligors: topContributors(result, level.level, TOP_OBLIGORS).map((entry) => ({
          obligorId: entry.id,
          name: names.get(entry.id)?.name ?? entry.id,
          sector: names.get(entry.id)?.sector ?? '',
          contribution: entry.contribution,
          standardError: entry.standardError,
          share: entry.share,
        })),
      };
    }),
    histogram: result.histogram
      ? {
          edges: result.histogram.edges,
          probability: result.histogram.probability,
          standardError: result.histogram.standardError,
          exceedance: result.histogram.exceedance,
        }
      : null,
  };
}

function groups(exposures: readonly RiskInputExposure[], keyOf: (e: RiskInputExposure) => string): GroupFigures[] {
  const map = new Map<string, { count: number; ead: number; el: number; pdEad: number }>();
  for (const e of exposures) {
    const entry = map.get(keyOf(e)) ?? { count: 0, ead: 0, el: 0, pdEad: 0 };
    entry.count++;
    entry.ead += e.ead;
    entry.el += e.pd * e.lgd * e.ead;
    entry.pdEad += e.pd * e.ead;
    map.set(keyOf(e), entry);
  }
  return [...map.entries()]
    .map(([key, g]) => ({ key, exposureCount: g.count, ead: g.ead, expectedLoss: g.el, averagePd: g.ead > 0 ? g.pdEad / g.ead : 0 }))
    .sort((x, y) => y.ead - x.ead);
}

const irbView = (key: string, totals: IrbTotals): IrbSegmentView => ({
  key,
  ead: totals.ead,
  rwa: totals.rwa,
  capital: totals.capital,
  expectedLoss: totals.expectedLoss,
});

function originationNote(exposures: readonly RiskInputExposure[]): string {
  const count = (source: RiskInputExposure['pdAtOriginationSource']) => exposures.filter((e) => e.pdAtOriginationSource === source).length;
  const [recorded, firstRun, none] = [count('RECORDED'), count('FIRST_SCORING_RUN'), count(null)];
  return (
    `PD at origination: recorded for ${recorded}, taken from the portfolio's first scoring run for ${firstRun}` +
    (none > 0 ? `; ${none} have neither and are staged on default, arrears and the watchlist only.` : '.')
  );
}

export function ifrs9View(exposures: readonly RiskInputExposure[]): Ifrs9View {
  // Significant increase in credit risk by PD: current over origination PD at least doubled (the
  // staging rules' default). An exposure with no PD at origination (none recorded, not in the first
  // scoring run) compares with itself, so only default, arrears and the watchlist stage it.
  const staging = allocateStages(
    exposures.map((e) => ({
      id: e.id,
      pdOrigination: e.pdAtOrigination ?? e.pd,
      pdCurrent: e.pd,
      daysPastDue: e.daysPastDue,
      defaulted: e.defaulted,
      watchlist: e.watchlist,
    })),
  );
  const ecl = expectedCreditLoss(
    exposures.map((e, i) => ({
      id: e.id,
      stage: staging.allocations[i]!.stage,
      ead: e.ead,
      lgd: e.lgd,
      eir: ECL_DISCOUNT_RATE,
      remainingLife: e.maturity ?? 1,
      annualPd: e.pd,
    })),
  );
  const stages = ([1, 2, 3] as const).map((stage) => ({ stage, exposureCount: 0, ead: 0, ecl: 0 }));
  ecl.exposures.forEach((entry, i) => {
    const view = stages[entry.stage - 1]!;
    view.exposureCount++;
    view.ead += exposures[i]!.ead;
    view.ecl += entry.ecl;
  });
  return {
    stages,
    totalEcl: ecl.total,
    assumptions: [
      'Stage 3: defaulted or more than 90 days past due; stage 2: more than 30 days past due, on the watchlist, or a PD at least twice its PD at origination.',
      originationNote(exposures),
      `Lifetime ECL from a flat annual PD term structure, discounted at ${ECL_DISCOUNT_RATE * 100}% (no contractual rate stored); remaining life from the maturity date, 1 year where there is none.`,
    ],
  };
}

export function exposureLimits(limits: readonly RiskLimit[]): ExposureLimits {
  const toLimit = (limit: RiskLimit) => ({
    ...(limit.maxShare === null ? {} : { maxShare: Number(limit.maxShare) }),
    ...(limit.maxEad === null ? {} : { maxEad: Number(limit.maxEad) }),
  });
  const out: Required<Pick<ExposureLimits, 'byObligor' | 'bySector'>> & ExposureLimits = { byObligor: {}, bySector: {} };
  for (const limit of limits) {
    if (limit.kind === 'SECTOR') out.bySector[limit.key] = toLimit(limit);
    else if (limit.key === SINGLE_NAME_DEFAULT_KEY) out.singleName = toLimit(limit);
    else out.byObligor[limit.key] = toLimit(limit);
  }
  return out;
}

export function breachViews(inputs: SimulationInputs, names: Map<string, { name: string; sector: string }>): LimitBreachView[] {
  const limits = exposureLimits(inputs.limits);
  return limitBreaches(planExposures(inputs.exposures), limits)
    .filter((breach) => breach.kind !== 'segment')
    .map((breach) => {
      const sector = breach.kind === 'sector';
      return {
        kind: sector ? 'SECTOR' : 'SINGLE_NAME',
        key: breach.id,
        name: sector ? breach.id : (names.get(breach.id)?.name ?? breach.id),
        ead: breach.ead,
        share: breach.share,
        limit: breach.limit,
        excess: breach.excess,
        limitKey: sector || limits.byObligor?.[breach.id] ? breach.id : SINGLE_NAME_DEFAULT_KEY,
      };
    });
}

function side(
  exposures: { ead: number; lgd: number }[],
  pds: number[],
  simulation: SimulationResult,
  irb: { rwa: number; capital: number },
): StressSideView {
  let ead = 0;
  let pdEad = 0;
  let el = 0;
  exposures.forEach((e, i) => {
    ead += e.ead;
    pdEad += e.ead * pds[i]!;
    el += e.ead * pds[i]! * e.lgd;
  });
  return {
    averagePd: ead > 0 ? pdEad / ead : 0,
    expectedLoss: el,
    rwa: irb.rwa,
    irbCapital: irb.capital,
    levels: simulation.levels.map((level) => ({
      level: level.level,
      valueAtRisk: { value: level.valueAtRisk.value, standardError: level.valueAtRisk.standardError },
      expectedShortfall: { value: level.expectedShortfall.value, standardError: level.expectedShortfall.standardError },
      economicCapital: level.expectedShortfall.value - el,
    })),
  };
}

export function stressComparison(
  inputs: SimulationInputs,
  base: SimulationResult,
  stressed: SimulationResult,
  stressedInputs: StressedInputs,
): StressComparisonView {
  const exposures = planExposures(inputs.exposures);
  const stressedPd = new Map(stressedInputs.pd.map((entry) => [entry.id, entry.stressed]));
  const stressedExposures = new Map(stressedInputs.exposures.map((e) => [e.id, e]));
  const stressedRows = exposures.map((e) => ({ ...e, pd: stressedPd.get(e.id)!, lgd: stressedExposures.get(e.id)!.lgd }));
  const baseIrb = irbCapital(exposures).total;
  const stressedIrb = irbCapital(stressedRows).total;
  const bySector = new Map<string, { ead: number; basePd: number; stressedPd: number; baseEl: number; stressedEl: number }>();
  exposures.forEach((e, i) => {
    const s = stressedRows[i]!;
    const entry = bySector.get(e.sector) ?? { ead: 0, basePd: 0, stressedPd: 0, baseEl: 0, stressedEl: 0 };
    entry.ead += e.ead;
    entry.basePd += e.ead * e.pd;
    entry.stressedPd += e.ead * s.pd;
    entry.baseEl += e.ead * e.pd * e.lgd;
    entry.stressedEl += e.ead * s.pd * s.lgd;
    bySector.set(e.sector, entry);
  });
  return {
    base: side(
      exposures,
      exposures.map((e) => e.pd),
      base,
      baseIrb,
    ),
    stressed: side(
      stressedRows,
      stressedRows.map((e) => e.pd),
      stressed,
      stressedIrb,
    ),
    bySector: [...bySector.entries()]
      .map(([sector, g]) => ({
        sector,
        basePd: g.ead > 0 ? g.basePd / g.ead : 0,
        stressedPd: g.ead > 0 ? g.stressedPd / g.ead : 0,
        baseExpectedLoss: g.baseEl,
        stressedExpectedLoss: g.stressedEl,
      }))
      .sort((x, y) => y.stressedExpectedLoss - x.stressedExpectedLoss),
  };
}

export function obligorNames(inputs: SimulationInputs): Map<string, { name: string; sector: string }> {
  return new Map(inputs.exposures.map((e) => [e.obligorId, { name: e.obligorName, sector: e.sector }]));
}

export function resultView(
  inputs: SimulationInputs,
  base: SimulationResult,
  stressed: { result: SimulationResult; inputs: StressedInputs } | null,
  durationSeconds: number,
): RiskResultView {
  const exposures = planExposures(inputs.exposures);
  const names = obligorNames(inputs);
  const irb = irbCapital(exposures);
  const conc = concentration(exposures, { largest: 10 });
  const ga = granularityAdjustment(exposures);
  const all = groups(inputs.exposures, () => 'all')[0];
  return {
    totals: {
      exposureCount: inputs.exposures.length,
      obligorCount: names.size,
      ead: all?.ead ?? 0,
      expectedLoss: all?.expectedLoss ?? 0,
      averagePd: all?.averagePd ?? 0,
    },
    base: simulationView(base, names),
    stressed: stressed ? simulationView(stressed.result, names) : null,
    bySector: groups(inputs.exposures, (e) => e.sector),
    bySegment: groups(inputs.exposures, (e) => e.segment),
    irb: {
      bySegment: Object.entries(irb.bySegment)
        .map(([key, totals]) => irbView(key, totals))
        .sort((x, y) => y.rwa - x.rwa),
      total: irbView('all', irb.total),
    },
    concentration: {
      singleNameHhi: conc.singleName.hhi,
      singleNameEffectiveNumber: conc.singleName.effectiveNumber,
      sectorHhi: conc.sector.hhi,
      sectorEffectiveNumber: conc.sector.effectiveNumber,
      segmentHhi: conc.segment.hhi,
      topShares: conc.singleName.topShares,
      largestNames: conc.singleName.shares.map((entry) => ({ ...entry, name: names.get(entry.id)?.name ?? entry.id })),
      granularityAdjustmentRate: ga.adjustment,
      granularityAdjustmentAmount: ga.amount,
    },
    ifrs9: ifrs9View(inputs.exposures),
    limitBreaches: breachViews(inputs, names),
    stress: stressed ? stressComparison(inputs, base, stressed.result, stressed.inputs) : null,
    durationSeconds,
  };
}
