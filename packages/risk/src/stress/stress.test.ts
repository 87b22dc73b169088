import { describe, expect, it } from 'vitest';
import { mixed } from '../../test/support/portfolios.ts';
import { RiskInputError } from '../errors.ts';
import { normalCdf, normalQuantile } from '../math/normal.ts';
import { planSimulation } from '../montecarlo/plan.ts';
import { runSimulation } from '../montecarlo/run.ts';
import { runStressTest, stressedPlanInput, stressInputs } from './stress-test.ts';

const twoSectors = {
  sectors: ['energy', 'retail'],
  correlation: [
    [1, 0.5],
    [0.5, 1],
  ],
};
const exposures = [
  { id: 'e', sector: 'energy', segment: 'large', ead: 100, pd: 0.02, lgd: 0.4, assetCorrelation: 0.2 },
  { id: 'r', sector: 'retail', segment: 'sme', ead: 100, pd: 0.02, lgd: 0.4, assetCorrelation: 0.2 },
];

describe('stress scenarios', () => {
  it('turn a factor shock into the conditional PD N((G(p) - sqrt(R) y) / sqrt(1 - R)) of the shocked sector', () => {
    const stressed = stressInputs(exposures, twoSectors, { name: 'energy down', factorShocks: { energy: -2 } });
    expect(stressed.pd[0]!.stressed).toBeCloseTo(normalCdf((normalQuantile(0.02) + 2 * Math.sqrt(0.2)) / Math.sqrt(0.8)), 14);
  });

  it('propagate the shock through the correlation: the other sector has mean 0.5 x shock and variance 0.75', () => {
    const stressed = stressInputs(exposures, twoSectors, { name: 'energy down', factorShocks: { energy: -2 } });
    expect(stressed.factorState.mean).toEqual([-2, -1]);
    expect(stressed.factorState.covariance[1]![1]).toBeCloseTo(0.75, 15);
    expect(stressed.factorState.covariance[0]![0]).toBe(0);
    expect(stressed.pd[1]!.stressed).toBeCloseTo(normalCdf((normalQuantile(0.02) + Math.sqrt(0.2)) / Math.sqrt(1 - 0.2 * 0.25)), 14);
    const isolated = stressInputs(exposures, twoSectors, { name: 'energy only', factorShocks: { energy: -2 }, propagate: false });
    expect(isolated.pd[1]!.stressed).toBeCloseTo(0.02, 15);
  });

  it('multiply PDs by sector and segment (capped at 1) and add LGD add-ons (capped at 1)', () => {
    const stressed = stressInputs(exposures, twoSectors, {
      name: 'overlay',
      pdMultipliers: { all: 1.5, bySector: { retail: 2 }, bySegment: { sme: 20 } },
      lgdAddOns: { all: 0.05, bySegment: { sme: 0.6 } },
    });
    expect(stressed.exposures[0]!.pd).toBeCloseTo(0.03, 15);
    expect(stressed.exposures[1]!.pd).toBe(1);
    expect(stressed.exposures[0]!.lgd).toBeCloseTo(0.45, 15);
    expect(stressed.exposures[1]!.lgd).toBe(1);
  });

  it('simulate the stressed distribution: its EL matches the stressed PDs within the Monte Carlo error', () => {
    const portfolio = mixed(600);
    const stressed = stressInputs(portfolio.exposures, portfolio.factorModel, {
      name: 'a and b down',
      factorShocks: { a: -1.5 },
      pdMultipliers: { bySector: { c: 1.3 } },
    });
    const closedForm = stressed.exposures.reduce((sum, exposure, i) => sum + exposure.ead * exposure.lgd * stressed.pd[i]!.stressed, 0);
    const plan = planSimulation(stressedPlanInput(stressed), { seed: 4 });
    expect(plan.expectedLoss).toBeCloseTo(closedForm, 8);
    const result = runSimulation(plan, { fixedScenarios: 20000, contributions: false, histogram: null });
    expect(Math.abs(result.expectedLoss.value - closedForm)).toBeLessThanOrEqual(3 * result.expectedLoss.standardError);
  });

  it('report stressed figures next to the base', () => {
    const portfolio = mixed(300);
    const result = runStressTest(
      portfolio.exposures,
      portfolio.factorModel,
      { name: 'recession', factorShocks: { a: -2 }, lgdAddOns: { all: 0.05 } },
      { run: { fixedScenarios: 4000 } },
    );
    expect(result.stressed.averagePd).toBeGreaterThan(result.base.averagePd);
    expect(result.stressed.expectedLoss).toBeGreaterThan(result.base.expectedLoss);
    expect(result.stressed.rwa).toBeGreaterThan(result.base.rwa);
    expect(result.stressed.expectedShortfall['0.999']!.value).toBeGreaterThan(result.base.expectedShortfall['0.999']!.value);
    expect(result.bySector.find((row) => row.sector === 'a')!.stressedPd).toBeGreaterThan(
      result.bySector.find((row) => row.sector === 'c')!.stressedPd,
    );
  });

  it('name unknown sectors and bad values', () => {
    expect(() => stressInputs(exposures, twoSectors, { name: 'x', factorShocks: { mining: -1 } })).toThrowError(
      /scenario\.factorShocks\.mining: "mining" is not one of/,
    );
    expect(() => stressInputs(exposures, twoSectors, { name: 'x', pdMultipliers: { all: -1 } })).toThrowError(RiskInputError);
    expect(() => stressInputs(exposures, twoSectors, { factorShocks: {} })).toThrowError(/scenario\.name: is required/);
  });
});
