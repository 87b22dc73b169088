/**
 * Applies a stress scenario to a portfolio and states the stressed figures next to the base:
 * PD (exposure-weighted), expected loss, IRB capital and RWA (risk-weight function on stressed PDs
 * and LGDs), and, from Monte Carlo runs of both, VaR, ES and economic capital (ES - EL).
 * `stressInputs` gives the stressed exposures and factor state for a simulation plan, so the
 * platform can run the two simulations as ordinary jobs; `runStressTest` does it all in-process.
 */
import { compilePortfolio } from '../input/compile-portfolio.ts';
import type { Exposure } from '../input/exposure.ts';
import type { IrbParameterOverrides } from '../irb/parameters.ts';
import { irbCapital } from '../irb/capital.ts';
import { normalCdf, normalQuantile } from '../math/normal.ts';
import { planSimulation, type PlanInput, type SimulationOptions } from '../montecarlo/plan.ts';
import { runSimulation } from '../montecarlo/run.ts';
import type { SimulationResult } from '../montecarlo/result.ts';
import type { RunOptions } from '../montecarlo/stopping.ts';
import { conditionalFactors } from './factor-shock.ts';
import { parseStressScenario, type StressScenario } from './scenario.ts';

export interface StressedInputs {
  scenario: StressScenario;
  /** Exposures after PD multipliers and LGD add-ons (factor shocks are in factorState). */
  exposures: Exposure[];
  factorModel: unknown;
  factorState: { mean: number[]; covariance: number[][] };
  /** Per exposure: base PD, PD after multipliers, and the stressed PD including the factor shock. */
  pd: { id: string; base: number; multiplied: number; stressed: number }[];
}

export function stressInputs(exposuresInput: unknown, factorModelInput: unknown, scenarioInput: unknown): StressedInputs {
  const base = compilePortfolio(exposuresInput, factorModelInput);
  const { sectors, correlation } = base.factorModel;
  const scenario = parseStressScenario(scenarioInput, sectors);
  const n = sectors.length;
  const state = conditionalFactors(correlation, sectors, scenario.factorShocks ?? {}, scenario.propagate);
  const sectorIndex = new Map(sectors.map((sector, i) => [sector, i]));
  const obligorR = new Map(base.obligorIds.map((id, i) => [id, base.obligorR[i]!]));
  const pdm = scenario.pdMultipliers;
  const lgda = scenario.lgdAddOns;
  const pd: StressedInputs['pd'] = [];
  const exposures = base.exposures.map((exposure) => {
    const segment = exposure.segment ?? '';
    const multiplier = (pdm?.all ?? 1) * (pdm?.bySector?.[exposure.sector] ?? 1) * (pdm?.bySegment?.[segment] ?? 1);
    const addOn = (lgda?.all ?? 0) + (lgda?.bySector?.[exposure.sector] ?? 0) + (lgda?.bySegment?.[segment] ?? 0);
    const multiplied = Math.min(1, exposure.pd * multiplier);
    const r = exposure.assetCorrelation ?? obligorR.get(exposure.obligorId ?? exposure.id)!;
    const s = sectorIndex.get(exposure.sector)!;
    const w = Math.sqrt(r);
    const stressed =
      multiplied <= 0 || multiplied >= 1
        ? multiplied
        : normalCdf((normalQuantile(multiplied) - w * state.mean[s]!) / Math.sqrt(1 - r * (1 - state.covariance[s * n + s]!)));
    pd.push({ id: exposure.id, base: exposure.pd, multiplied, stressed });
    // Keep the obligor's R fixed through the stress: PD multipliers must not change the loading.
    return { ...exposure, pd: multiplied, lgd: Math.min(1, Math.max(0, exposure.lgd + addOn)), assetCorrelation: r };
  });
  const rows = (matrix: Float64Array) => Array.from({ length: n }, (_, i) => Array.from(matrix.subarray(i * n, (i + 1) * n)));
  return {
    scenario,
    exposures,
    factorModel: factorModelInput,
    factorState: { mean: Array.from(state.mean), covariance: rows(state.covariance) },
    pd,
  };
}

/** The plan input of the stressed simulation. */
export function stressedPlanInput(stressed: StressedInputs): PlanInput {
  return { exposures: stressed.exposures, factorModel: stressed.factorModel, factorState: stressed.factorState };
}

export interface StressFigures {
  averagePd: number;
  expectedLoss: number;
  rwa: number;
  irbCapital: number;
  valueAtRisk: Record<string, { value: number; standardError: number }>;
  expectedShortfall: Record<string, { value: number; standardError: number }>;
  /** ES - EL at each level. */
  economicCapital: Record<string, number>;
}

export interface StressTestResult {
  scenario: StressScenario;
  base: StressFigures;
  stressed: StressFigures;
  bySector: { sector: string; basePd: number; stressedPd: number; baseExpectedLoss: number; stressedExpectedLoss: number }[];
}

function figures(exposures: Exposure[], pds: number[], simulation: SimulationResult, irb: IrbParameterOverrides): StressFigures {
  let ead = 0;
  let weightedPd = 0;
  let expectedLoss = 0;
  exposures.forEach((exposure, i) => {
    ead += exposure.ead;
    weightedPd += exposure.ead * pds[i]!;
    expectedLoss += exposure.ead * pds[i]! * exposure.lgd;
  });
  const capital = irbCapital(
    exposures.map((exposure, i) => ({ ...exposure, pd: pds[i]! })),
    irb,
  );
  const valueAtRisk: StressFigures['valueAtRisk'] = {};
  const expectedShortfall: StressFigures['expectedShortfall'] = {};
  const economicCapital: Record<string, number> = {};
  for (const level of simulation.levels) {
    const key = String(level.level);
    valueAtRisk[key] = { value: level.valueAtRisk.value, standardError: level.valueAtRisk.standardError };
    expectedShortfall[key] = { value: level.expectedShortfall.value, standardError: level.expectedShortfall.standardError };
    economicCapital[key] = level.expectedShortfall.value - expectedLoss;
  }
  return {
    averagePd: ead > 0 ? weightedPd / ead : 0,
    expectedLoss,
    rwa: capital.total.rwa,
    irbCapital: capital.total.capital,
    valueAtRisk,
    expectedShortfall,
    economicCapital,
  };
}

/** Base and stressed simulations in-process, figures side by side. */
export function runStressTest(
  exposuresInput: unknown,
  factorModelInput: unknown,
  scenarioInput: unknown,
  options: { simulation?: SimulationOptions; run?: RunOptions; irb?: IrbParameterOverrides } = {},
): StressTestResult {
  const stressed = stressInputs(exposuresInput, factorModelInput, scenarioInput);
  const base = compilePortfolio(exposuresInput, factorModelInput);
  const run = { contributions: false, histogram: null, ...options.run };
  const baseSimulation = runSimulation(
    planSimulation({ exposures: exposuresInput, factorModel: factorModelInput }, options.simulation),
    run,
  );
  const stressedSimulation = runSimulation(planSimulation(stressedPlanInput(stressed), options.simulation), run);
  const irb = options.irb ?? {};
  const baseFigures = figures(
    base.exposures,
    base.exposures.map((exposure) => exposure.pd),
    baseSimulation,
    irb,
  );
  const stressedFigures = figures(
    stressed.exposures,
    stressed.pd.map((entry) => entry.stressed),
    stressedSimulation,
    irb,
  );
  const sectors = new Map<string, { ead: number; basePd: number; stressedPd: number; baseEl: number; stressedEl: number }>();
  stressed.exposures.forEach((exposure, i) => {
    const entry = sectors.get(exposure.sector) ?? { ead: 0, basePd: 0, stressedPd: 0, baseEl: 0, stressedEl: 0 };
    const original = base.exposures[i]!;
    entry.ead += exposure.ead;
    entry.basePd += exposure.ead * original.pd;
    entry.stressedPd += exposure.ead * stressed.pd[i]!.stressed;
    entry.baseEl += original.ead * original.pd * original.lgd;
    entry.stressedEl += exposure.ead * stressed.pd[i]!.stressed * exposure.lgd;
    sectors.set(exposure.sector, entry);
  });
  return {
    scenario: stressed.scenario,
    base: baseFigures,
    stressed: stressedFigures,
    bySector: [...sectors.entries()].map(([sector, entry]) => ({
      sector,
      basePd: entry.ead > 0 ? entry.basePd / entry.ead : 0,
      stressedPd: entry.ead > 0 ? entry.stressedPd / entry.ead : 0,
      baseExpectedLoss: entry.baseEl,
      stressedExpectedLoss: entry.stressedEl,
    })),
  };
}
